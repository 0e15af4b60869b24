package org.tongban.devices;

import java.time.LocalDate;
import org.tongban.devices.idcard.IdCard;

/** Made-up cards for tests; the ID number has a valid check digit but belongs to nobody. */
public final class SampleCards {

    private SampleCards() {
    }

    public static IdCard residentId() {
        return new IdCard(IdCard.CardType.RESIDENT_ID, "张三", null, IdCard.Sex.MALE, "01",
                LocalDate.of(1990, 1, 1), "北京市东城区示例路1号", "11010119900101003X", "北京市公安局东城分局",
                LocalDate.of(2020, 1, 1), LocalDate.of(2040, 1, 1), null, null, new byte[] {1, 2, 3, 4});
    }
}
