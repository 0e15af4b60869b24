package org.tongban.printing;

import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Certificates shaped like the ones a hall issues, for tests and the bench. */
public final class SampleCertificates {

    public static final ZonedDateTime ISSUED_AT = ZonedDateTime.of(2024, 5, 6, 9, 30, 0, 0, ZoneId.of("Asia/Shanghai"));
    static final String CITIZEN_NAME = "欧阳明远";

    /** One key for the whole test run: generating an SM2 key costs a few milliseconds. */
    public static final TerminalSeal SEAL = TerminalSeal.generate(new SecureRandom());

    private SampleCertificates() {
    }

    public static CertificateComposer composer(Layout layout) {
        return new CertificateComposer(CjkFonts.debianDefaults(), layout, SEAL);
    }

    public static Certificate residenceProof() {
        return new Certificate("居住证明", fields(), Optional.empty(),
                "7KQ2-M9XD-4TRA", "KIOSK-0031", ISSUED_AT, "110105-JZZM-01");
    }

    /** A social insurance payment record with {@code rows} monthly rows, each tagged R0001... */
    public static Certificate paymentRecord(int rows) {
        List<List<String>> table = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            int month = (i - 1) % 12 + 1;
            int year = 2010 + (i - 1) / 12;
            table.add(List.of(String.format("R%04d", i), year + "年" + month + "月",
                    "城镇职工基本养老保险", String.format("%d.%02d", 800 + i, i % 100), "已缴"));
        }
        return new Certificate("社会保险个人缴费证明", fields(),
                Optional.of(new Certificate.Table(List.of("序号", "缴费年月", "险种", "缴费金额（元）", "状态"), table)),
                "Q8WZ-3HNC-PL5E", "KIOSK-0031", ISSUED_AT, "110105-SBJF-07");
    }

    private static List<Certificate.Field> fields() {
        return List.of(
                new Certificate.Field("姓名", CITIZEN_NAME),
                new Certificate.Field("公民身份号码", "110105198803120417"),
                new Certificate.Field("居住地址", "北京市朝阳区建国门外大街甲十二号院三号楼二单元一千四百零六室，"
                        + "该地址自二〇一九年三月起登记为本人经常居住地，经社区居委会核实无误。"),
                new Certificate.Field("登记机关", "北京市公安局朝阳分局建外派出所"));
    }
}
