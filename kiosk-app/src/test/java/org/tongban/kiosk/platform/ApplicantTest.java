package org.tongban.kiosk.platform;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApplicantTest {

    private final Applicant applicant = new Applicant(IdType.RESIDENT_ID, "53010219900307123X", "张三丰");

    @Test
    void toStringShowsNeitherTheNameNorTheIdNumber() {
        String text = applicant.toString();
        assertThat(text, not(containsString("张三丰")));
        assertThat(text, not(containsString("三丰")));
        assertThat(text, not(containsString("53010219900307123X")));
        assertThat(text, containsString("5301**********123X"));
        assertThat(text, containsString("张**"));
    }

    @Test
    void transactionToStringLeavesOutTheFormAndThePerson() {
        Transaction tx = Transaction.submission("YN-KM-GD-0001", "s1", Instant.parse("2026-11-21T08:00:00.123456Z"),
                "SI-CERT-CONTRIB", applicant, Map.of("address", "昆明市五华区翠湖南路 8 号"),
                List.of(Attachment.of("page1.jpg", "image/jpeg", new byte[] {1, 2, 3})));
        String text = tx.toString();
        assertThat(text, not(containsString("翠湖")));
        assertThat(text, not(containsString("张三丰")));
        assertThat(text, not(containsString("53010219900307123X")));
        assertThat(tx.createdAt(), equalTo(Instant.parse("2026-11-21T08:00:00.123Z")));
    }

    @Test
    void jsonRoundTripKeepsTheTransaction() throws Exception {
        ContractJson json = new ContractJson();
        Transaction tx = Transaction.evaluation("YN-KM-GD-0001", "s2", Instant.parse("2026-11-21T08:00:00Z"),
                applicant, new Evaluation(java.util.UUID.randomUUID(), 5, List.of("快"), "很好"));
        String text = json.writeTransaction(tx);
        assertThat(json.readTransaction(text), equalTo(tx));
        assertThat(text, containsString("\"createdAt\":\"2026-11-21T08:00:00Z\""));
        assertThat(text, containsString("\"kind\":\"EVALUATION\""));
    }
}
