package org.tongban.kiosk.flow;

import java.time.LocalDate;
import java.util.Optional;
import org.tongban.devices.idcard.IdCard;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.IdType;

/** {@code identify}: goes on with a valid ID card in the session, else waits for one (an expired card is refused). */
final class IdentifyHandler implements StepHandler {

    private final StepContext flow;

    IdentifyHandler(StepContext flow) {
        this.flow = flow;
    }

    @Override
    public void enter() {
        Optional<IdCard> card = flow.session().identity();
        ServiceFlow.Services s = flow.services();
        if (card.isEmpty()) {
            flow.show(Stage.WAIT_FOR_CARD, "flow.placeCard");
        } else if (card.get().expiredOn(LocalDate.now(s.clock().withZone(s.zone())))) {
            flow.show(Stage.WAIT_FOR_CARD, "flow.cardExpired");
        } else {
            flow.next();
        }
    }

    /** A card was read into the session while the step waits: checked as on arrival. */
    void cardRead() {
        if (flow.state().stage() == Stage.WAIT_FOR_CARD) {
            enter();
        }
    }

    /** The citizen on the card as the platform knows them. */
    static Applicant applicantOf(IdCard card) {
        IdType type = switch (card.cardType()) {
            case RESIDENT_ID -> IdType.RESIDENT_ID;
            case FOREIGN_PERMANENT_RESIDENT -> IdType.FOREIGN_PERMANENT_RESIDENT;
            case HMT_RESIDENCE_PERMIT -> IdType.HMT_RESIDENCE_PERMIT;
        };
        String name = card.name() != null ? card.name() : card.englishName();
        return new Applicant(type, card.idNumber(), name);
    }
}
