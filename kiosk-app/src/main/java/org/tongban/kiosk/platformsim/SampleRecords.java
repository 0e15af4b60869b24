package org.tongban.kiosk.platformsim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tongban.kiosk.platform.Applicant;
import org.tongban.kiosk.platform.QueryResult;
import org.tongban.signing.RequestSigner;

/**
 * Plain answers for every query item of the served catalog that has no simulation of its own
 * (pension account, medical insurance certificate, tax record ...): a record titled after the item,
 * with twelve monthly amounts. Derived from the item code and the applicant's ID number alone, so the
 * same citizen always gets the same answer.
 */
final class SampleRecords {

    static final List<String> COLUMNS = List.of("年月", "金额（元）", "状态");

    private final ZoneId zone;
    /** Item code to the document title, for the catalog's items that have a query step. */
    private final Map<String, String> titles;

    private SampleRecords(ZoneId zone, Map<String, String> titles) {
        this.zone = zone;
        this.titles = titles;
    }

    /** The query items of a catalog document ({@code GET /api/v1/catalog}); a document it cannot read has none. */
    static SampleRecords of(String catalogJson, ObjectMapper mapper, ZoneId zone) {
        Map<String, String> titles = new LinkedHashMap<>();
        try {
            JsonNode catalog = mapper.readTree(catalogJson == null ? "" : catalogJson);
            for (JsonNode item : catalog == null ? List.<JsonNode>of() : catalog.path("items")) {
                boolean queries = false;
                for (JsonNode step : item.path("flow")) {
                    queries |= "query".equals(step.path("step").asText());
                }
                String code = item.path("code").asText("");
                if (queries && !code.isEmpty()) {
                    titles.put(code, title(item.path("name").path("zh").asText(code)));
                }
            }
        } catch (IOException e) {
            titles.clear();
        }
        return new SampleRecords(zone, Map.copyOf(titles));
    }

    /** "医疗保险参保凭证打印" is the item; the document is the "医疗保险参保凭证". */
    private static String title(String itemName) {
        return itemName.endsWith("打印") ? itemName.substring(0, itemName.length() - 2) : itemName;
    }

    boolean answers(String itemCode) {
        return titles.containsKey(itemCode);
    }

    Optional<QueryResult> answer(String itemCode, Applicant applicant, Instant now) {
        String title = titles.get(itemCode);
        if (title == null) {
            return Optional.empty();
        }
        byte[] seed = HexFormat.of().parseHex(RequestSigner.sm3Hex(
                (itemCode + "|" + applicant.idNumber()).getBytes(StandardCharsets.UTF_8)));
        LocalDate today = LocalDate.ofInstant(now, zone);
        // A monthly amount between 100 and 3 000 yuan, with cents.
        BigDecimal monthly = BigDecimal.valueOf(10_000 + ((seed[0] & 0xff) * 256 + (seed[1] & 0xff)) % 290_001, 2);
        BigDecimal total = BigDecimal.ZERO;
        List<List<String>> rows = new ArrayList<>();
        YearMonth month = YearMonth.from(today).minusMonths(12);
        for (int i = 0; i < 12; i++, month = month.plusMonths(1)) {
            rows.add(List.of(month.toString(), money(monthly), "正常"));
            total = total.add(monthly);
        }
        List<QueryResult.Field> fields = List.of(
                new QueryResult.Field("姓名", applicant.name()),
                new QueryResult.Field("公民身份号码", applicant.maskedIdNumber()),
                new QueryResult.Field("近12个月合计（元）", money(total)),
                new QueryResult.Field("状态", "正常"),
                new QueryResult.Field("查询日期", today.toString()));
        return Optional.of(new QueryResult(itemCode, title, now, fields, new QueryResult.Table(COLUMNS, rows),
                verifyCode(itemCode, applicant, today)));
    }

    private static String verifyCode(String itemCode, Applicant applicant, LocalDate day) {
        String digest = RequestSigner.sm3Hex((itemCode + "|" + applicant.idNumber() + "|" + day)
                .getBytes(StandardCharsets.UTF_8)).toUpperCase(Locale.ROOT);
        return digest.substring(0, 4) + "-" + digest.substring(4, 8) + "-" + digest.substring(8, 12) + "-"
                + digest.substring(12, 16);
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
