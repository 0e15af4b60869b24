package org.tongban.kiosk.app;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.tongban.devices.idcard.IdCard;

/**
 * Made-up resident ID cards for burn-in runs: varied names, regions and birth dates, each ID number with the
 * right ISO 7064 MOD 11-2 check digit and the birth date it encodes. Nobody real is meant.
 */
public final class SampleCards {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final List<String> REGIONS = List.of("530102", "530103", "530111", "530112", "110101",
            "310104", "440106", "510107");
    private static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
            "欧阳", "段");
    private static final List<String> GIVEN = List.of("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "洋",
            "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀兰", "霞");
    private static final String ADDRESS = "云南省昆明市五华区示例路%d号";

    private final Random random;

    public SampleCards(long seed) {
        this.random = new Random(seed);
    }

    /** The check digit the 17 leading digits call for. */
    public static char checkDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    public IdCard next() {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        boolean male = random.nextBoolean();
        // The 17th digit is odd for men and even for women.
        int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
        String first17 = REGIONS.get(random.nextInt(REGIONS.size()))
                + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
                + String.format("%03d", sequence);
        String name = SURNAMES.get(random.nextInt(SURNAMES.size())) + GIVEN.get(random.nextInt(GIVEN.size()));
        LocalDate from = LocalDate.of(2016 + random.nextInt(8), 1 + random.nextInt(12), 1 + random.nextInt(28));
        return new IdCard(IdCard.CardType.RESIDENT_ID, name, null, male ? IdCard.Sex.MALE : IdCard.Sex.FEMALE, "01",
                birth, String.format(ADDRESS, 1 + random.nextInt(999)), first17 + checkDigit(first17),
                "昆明市公安局五华分局", from, from.plusYears(20), null, null, new byte[1024]);
    }
}
