package org.tongban.printing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tongban.devices.printer.Receipt;

class ReceiptTemplateTest {

    static Map<String, Object> submission() {
        Map<String, Object> data = new HashMap<>();
        data.put("receiptNo", "TB-2024-000123");
        data.put("item", "城乡居民养老保险参保登记");
        data.put("applicant", Map.of("name", "欧阳明远", "idNumber", "110105198803120417"));
        data.put("materials", List.of("居民身份证复印件", "户口簿复印件"));
        data.put("timeLimit", "5 个工作日");
        data.put("receivedAt", "2024-05-06 09:30");
        data.put("followUpUrl", "https://gov.example/track/TB-2024-000123");
        data.put("followUpHint", "或拨打 12345 查询");
        return data;
    }

    private static List<String> texts(Receipt receipt) {
        return receipt.lines().stream().map(l -> l instanceof Receipt.Text t ? t.text()
                : l instanceof Receipt.QrCode q ? "[QR " + q.data() + "]" : "--- cut ---").toList();
    }

    @Test
    void theSubmissionReceiptMasksTheApplicantAndListsEveryMaterial() throws Exception {
        Receipt receipt = ReceiptTemplate.builtIn("receipt").fill("r-1", submission());
        List<String> lines = texts(receipt);

        assertThat(lines, hasItem("回执编号：TB-2024-000123"));
        assertThat(lines, hasItem("申请人：欧***"));
        assertThat(lines, hasItem("证件号码：1101**********0417"));
        assertThat(lines, hasItem(" · 居民身份证复印件"));
        assertThat(lines, hasItem(" · 户口簿复印件"));
        assertThat(lines, hasItem("[QR https://gov.example/track/TB-2024-000123]"));
        assertThat(lines.get(lines.size() - 1), equalTo("--- cut ---"));
        assertThat(String.join("\n", lines), not(containsString("110105198803120417")));
    }

    @Test
    void aQueueTicket() throws Exception {
        Receipt ticket = ReceiptTemplate.builtIn("ticket").fill("t-1", Map.of("hall", "朝阳区政务服务中心",
                "number", "A012", "service", "社保业务", "waiting", 3, "takenAt", "09:30"));

        assertThat(texts(ticket), hasItem("A012"));
        assertThat(texts(ticket), hasItem("前面还有 3 人等候"));
    }

    @Test
    void aMissingFieldNamesTheTemplateLine() {
        Map<String, Object> data = submission();
        data.remove("timeLimit");

        ReceiptTemplate.TemplateException e = assertThrows(ReceiptTemplate.TemplateException.class,
                () -> ReceiptTemplate.builtIn("receipt").fill("r-1", data));

        assertThat(e.getMessage(), equalTo("receipt.tpl:13: the data has no field 'timeLimit'"));
    }

    @Test
    void anUnknownLineKindOrTemplateIsAClearError() {
        ReceiptTemplate.TemplateException kind = assertThrows(ReceiptTemplate.TemplateException.class,
                () -> ReceiptTemplate.parse("mine.tpl", "title 回执\nblink {x}\n"));
        ReceiptTemplate.TemplateException missing = assertThrows(ReceiptTemplate.TemplateException.class,
                () -> ReceiptTemplate.builtIn("fax"));

        assertThat(kind.getMessage(), containsString("mine.tpl:2: unknown line kind 'blink'"));
        assertThat(missing.getMessage(), containsString("no receipt template 'fax'"));
    }
}
