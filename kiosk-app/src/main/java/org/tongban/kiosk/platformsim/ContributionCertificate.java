package org.tongban.kiosk.platformsim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.QueryResult;
import org.tongban.signing.RequestSigner;

/**
 * The simulated social insurance contribution certificate (社会保险参保缴费证明). The answer is derived from
 * the applicant's ID number alone, so the same citizen always gets the same employer, base and history and
 * tests can compare documents.
 */
final class ContributionCertificate {

    static final String ITEM_CODE = "SI-CERT-CONTRIB";
    static final String TITLE = "社会保险参保缴费证明";
    static final List<String> COLUMNS = List.of("年月", "缴费基数", "单位缴纳", "个人缴纳", "缴费状态");

    private static final List<String> EMPLOYERS = List.of(
            "云南滇池数据服务有限公司",
            "昆明市五华区翠湖社区卫生服务中心",
            "云南通办信息技术股份有限公司",
            "昆明螺蛳湾商贸城物业管理有限公司",
            "云南高原特色农产品供应链有限公司",
            "昆明长水国际机场地面服务有限公司");
    // Pension shares: employer 16 %, individual 8 % of the contribution base.
    private static final BigDecimal EMPLOYER_RATE = new BigDecimal("0.16");
    private static final BigDecimal PERSONAL_RATE = new BigDecimal("0.08");
    // Bases are adjusted once a year, in July.
    private static final BigDecimal YEARLY_RAISE = new BigDecimal("1.04");

    private final ZoneId zone;

    ContributionCertificate(ZoneId zone) {
        this.zone = zone;
    }

    QueryResult answer(Applicant applicant, Instant now) {
        byte[] seed = HexFormat.of().parseHex(RequestSigner.sm3Hex(applicant.idNumber().getBytes(StandardCharsets.UTF_8)));
        LocalDate today = LocalDate.ofInstant(now, zone);
        int firstYear = 2005 + unsigned(seed[0]) % 14;
        int firstMonth = 1 + unsigned(seed[1]) % 12;
        String employer = EMPLOYERS.get(unsigned(seed[2]) % EMPLOYERS.size());
        // A base between 4 000 and 12 000 yuan, in tens, as the last 12 months started.
        BigDecimal base = BigDecimal.valueOf(400 + (unsigned(seed[3]) * 256 + unsigned(seed[4])) % 801)
                .multiply(BigDecimal.TEN);

        List<List<String>> rows = new ArrayList<>();
        YearMonth month = YearMonth.from(today).minusMonths(12);
        for (int i = 0; i < 12; i++, month = month.plusMonths(1)) {
            if (i > 0 && month.getMonthValue() == 7) {
                base = base.multiply(YEARLY_RAISE).setScale(-1, RoundingMode.HALF_UP);
            }
            rows.add(List.of(month.toString(), money(base), money(base.multiply(EMPLOYER_RATE)),
                    money(base.multiply(PERSONAL_RATE)), "已缴费"));
        }

        List<QueryResult.Field> fields = List.of(
                new QueryResult.Field("姓名", applicant.name()),
                new QueryResult.Field("公民身份号码", applicant.maskedIdNumber()),
                new QueryResult.Field("参保单位", employer),
                new QueryResult.Field("参保状态", "正常参保"),
                new QueryResult.Field("首次参保日期", LocalDate.of(firstYear, firstMonth, 1).toString()));
        return new QueryResult(ITEM_CODE, TITLE, now, fields, new QueryResult.Table(COLUMNS, rows),
                verifyCode(applicant, today));
    }

    /** 16 hex digits in four groups, as printed under the document's QR code. */
    private static String verifyCode(Applicant applicant, LocalDate day) {
        String digest = RequestSigner.sm3Hex((ITEM_CODE + "|" + applicant.idNumber() + "|" + day)
                .getBytes(StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
        return digest.substring(0, 4) + "-" + digest.substring(4, 8) + "-" + digest.substring(8, 12) + "-"
                + digest.substring(12, 16);
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static int unsigned(byte b) {
        return b & 0xff;
    }
}
