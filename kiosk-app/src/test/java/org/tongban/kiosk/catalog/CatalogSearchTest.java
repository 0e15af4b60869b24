package org.tongban.kiosk.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.kiosk.config.Profile;

/** Search as a citizen types: Chinese words, English words, pinyin initials; best first. */
class CatalogSearchTest {

    private static Catalog shipped;

    @BeforeAll
    static void load() throws Exception {
        shipped = new CatalogLoader().load(Path.of("..", "config", "catalog"));
    }

    private static List<String> codes(List<ServiceItem> items) {
        return items.stream().map(ServiceItem::code).toList();
    }

    private static ServiceItem item(String code, String zh, String en, List<String> keywords, List<Profile> profiles) {
        return new ServiceItem(code, new Text(zh, en), "renshe", List.of("social-insurance"), keywords, profiles,
                true, null, List.of(), List.of());
    }

    private static Catalog small(ServiceItem... items) {
        return new Catalog("t", List.of(new Category("social-insurance", new Text("社保", "SI"))),
                List.of(new Department("renshe", new Text("人力资源和社会保障局", "HR"))), List.of(items));
    }

    @Test
    void chineseWordsFindTheNameFirstThenKeywordsThenTheDepartment() {
        Catalog c = small(
                item("KW", "养老金领取资格认证", "Pension check", List.of("社保"), List.of(Profile.HALL_KIOSK)),
                item("IN", "我要办社保", "Social insurance help", List.of(), List.of(Profile.HALL_KIOSK)),
                item("PRE", "社保卡申领", "Apply for a card", List.of(), List.of(Profile.HALL_KIOSK)),
                item("EXACT", "社保", "Social insurance", List.of(), List.of(Profile.HALL_KIOSK)),
                item("DEPT", "就业登记", "Employment", List.of(), List.of(Profile.HALL_KIOSK)));
        CatalogSearch search = new CatalogSearch(c, code -> 0);
        assertThat(codes(search.search("社保")), contains("EXACT", "PRE", "IN", "KW"));
        assertThat(codes(search.search("社会保障")), contains("KW", "IN", "PRE", "EXACT", "DEPT"));
    }

    @Test
    void pinyinInitialsFindItemsAfterEveryTextMatchInAnyCase() {
        assertThat(codes(new CatalogSearch(shipped, code -> 0).search("SBJF")).get(0), equalTo("SI-CERT-CONTRIB"));
        assertThat(codes(new CatalogSearch(shipped, code -> 0).search("sbjf")).get(0), equalTo("SI-CERT-CONTRIB"));
        List<String> gjj = codes(new CatalogSearch(shipped, code -> 0).search("GJJ"));
        assertThat(gjj.subList(0, 3), contains("HF-CERT-DEPOSIT", "HF-QUERY-ACCOUNT", "HF-WITHDRAW-RENT"));
        Catalog c = small(
                item("INITIALS", "社保卡挂失", "Report a lost card", List.of(), List.of(Profile.HALL_KIOSK)),
                item("WORD", "Sbk records", "Sbk records", List.of(), List.of(Profile.HALL_KIOSK)));
        assertThat(codes(new CatalogSearch(c, code -> 0).search("sbk")), contains("WORD", "INITIALS"));
    }

    @Test
    void aPolyphonicCharacterMatchesTheInitialOfAnyOfItsReadings() {
        // 行 reads xíng and háng; 长 cháng and zhǎng.
        Catalog c = small(item("BANK", "银行卡挂失", "Bank card", List.of(), List.of(Profile.BANK_STM)),
                item("LONG", "长期居住备案", "Long stay", List.of(), List.of(Profile.BANK_STM)));
        CatalogSearch search = new CatalogSearch(c, code -> 0);
        assertThat(codes(search.search("YHK")), contains("BANK"));
        assertThat(codes(search.search("yxk")), contains("BANK"));
        assertThat(codes(search.search("CQJZ")), contains("LONG"));
        assertThat(codes(search.search("ZQJZ")), contains("LONG"));
        assertThat(search.search("YHX"), is(empty()));
    }

    @Test
    void equallyGoodMatchesGoByHowOftenTheyWereOpenedHere() {
        Map<String, Integer> uses = new HashMap<>();
        CatalogSearch search = new CatalogSearch(shipped, code -> uses.getOrDefault(code, 0));
        List<String> before = codes(search.search("公积金"));
        assertThat(before.subList(0, 3), contains("HF-CERT-DEPOSIT", "HF-QUERY-ACCOUNT", "HF-WITHDRAW-RENT"));
        uses.put("HF-WITHDRAW-RENT", 7);
        uses.put("HF-QUERY-ACCOUNT", 2);
        assertThat(codes(search.search("公积金")).subList(0, 3),
                contains("HF-WITHDRAW-RENT", "HF-QUERY-ACCOUNT", "HF-CERT-DEPOSIT"));
        // Usage never lifts a weaker match over a better one.
        uses.put("SI-QUERY-PENSION", 1000);
        assertThat(codes(search.search("失业登记")).get(0), equalTo("EMP-REG-UNEMP"));
    }

    @Test
    void keywordsAndDepartmentsOfTheShippedCatalogFindWhatCitizensMean() {
        CatalogSearch search = new CatalogSearch(shipped, code -> 0);
        assertThat(codes(search.search("失业登记")).subList(0, 2), contains("EMP-REG-UNEMP", "EMP-GUIDE-UNEMP"));
        assertThat(codes(search.search("上户口")), hasItem("HR-REG-NEWBORN"));
        assertThat(codes(search.search("良民证")), contains("PS-CERT-NOCRIME"));
        assertThat(codes(search.search("过户")), contains("RE-GUIDE-TRANSFER"));
        List<String> tax = codes(search.search("税务局"));
        assertThat(tax, hasItem("TAX-CERT-RECORD"));
        assertThat(tax, not(hasItem("SI-CERT-CONTRIB")));
        assertThat(codes(search.search("新生儿 医保")).get(0), equalTo("MI-ENROL-NEWBORN"));
        assertThat(codes(search.search("tax")), hasItem("TAX-CERT-RECORD"));
    }

    @Test
    void aProfileLimitsTheResultsToWhatThatTerminalOffers() {
        CatalogSearch search = new CatalogSearch(shipped, code -> 0);
        List<ServiceItem> stm = search.search("新生儿", Profile.BANK_STM);
        assertThat(stm, is(empty()));
        assertThat(search.search("新生儿", Profile.HALL_KIOSK).size(), equalTo(search.search("新生儿").size()));
        assertThat(search.search("公积金", Profile.BANK_STM).stream().map(i -> i.offeredOn(Profile.BANK_STM)).toList(),
                everyItem(is(true)));
        assertThat(search.search("公积金", Profile.BANK_STM).size(), equalTo(3));
    }

    @Test
    void aBlankQueryOrOneThatMatchesNothingFindsNothing() {
        CatalogSearch search = new CatalogSearch(shipped, code -> 0);
        assertThat(search.search(""), is(empty()));
        assertThat(search.search("   "), is(empty()));
        assertThat(search.search("火星移民"), is(empty()));
        assertThat(search.search("QXZ%"), is(empty()));
    }
}
