package org.tongban.kiosk.input;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tongban.kiosk.catalog.FormField;
import org.tongban.kiosk.catalog.Text;

/** The pinyin dictionary built from the real libraries' data, and the composer typing on each layout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComposerTest {

    private PinyinDictionary dictionary;

    @BeforeAll
    void build() {
        dictionary = PinyinDictionary.load();
    }

    @Test
    void theDictionaryKnowsEveryMandarinSyllableAndTensOfThousandsOfWords() {
        // Standard Mandarin has about 400 toneless syllables (ü written v).
        assertThat(dictionary.syllableCount(), greaterThan(380));
        assertThat(dictionary.syllableCount(), lessThan(440));
        assertThat(dictionary.isSyllable("lv"), is(true));
        assertThat(dictionary.isSyllable("zhuang"), is(true));
        assertThat(dictionary.isSyllable("ng"), is(false));
        assertThat(dictionary.wordCount(), greaterThan(30_000));
    }

    @Test
    void lettersAreSplitIntoSyllablesTheLikeliestFirst() {
        assertThat(dictionary.segment("zhongguo"), contains("zhong", "guo"));
        assertThat(dictionary.segment("nihao"), contains("ni", "hao"));
        assertThat(dictionary.segment("shehuibaoxian"), contains("she", "hui", "bao", "xian"));
        // An unfinished last syllable: zhong, then g of guo, ge, gong...
        assertThat(dictionary.segment("zhongg"), contains("zhong", "g"));
        // xian is one syllable (先, 现) before it is xi'an (西安); both readings are kept.
        assertThat(dictionary.segment("xian"), contains("xian"));
        assertThat(dictionary.segmentations("xian"), hasItem(List.of("xi", "an")));
        // Not pinyin at all.
        assertThat(dictionary.segmentations("vvv"), empty());
        assertThat(dictionary.candidates("vvv"), empty());
    }

    @Test
    void commonSyllablesOfferTheirCommonCharactersFirst() {
        assertThat(texts(dictionary.candidates("hen")).subList(0, 3), hasItem("很"));
        assertThat(texts(dictionary.candidates("hao")).subList(0, 3), hasItem("好"));
        assertThat(texts(dictionary.candidates("de")).subList(0, 3), hasItem("的"));
        assertThat(texts(dictionary.candidates("shi")).subList(0, Composer.PAGE), hasItems("是", "时", "事"));
        assertThat(texts(dictionary.candidates("lv")).subList(0, Composer.PAGE), hasItem("绿"));
        // Polyphonic characters under each reading: 行 is xing and hang.
        assertThat(texts(dictionary.candidates("hang")), hasItem("行"));
        assertThat(texts(dictionary.candidates("xing")), hasItem("行"));
        // 很 is commoner than 狠 and 痕.
        List<String> hen = texts(dictionary.candidates("hen"));
        assertThat(hen.indexOf("很"), lessThan(hen.indexOf("痕")));
    }

    @Test
    void wholeWordsComeFirstThenTheFirstSyllablesCharacters() {
        List<Candidate> zhongguo = dictionary.candidates("zhongguo");
        assertThat(zhongguo.get(0), equalTo(new Candidate("中国", 8)));
        assertThat(zhongguo, hasItem(new Candidate("中", 5)));
        // The other reading of xian gives the city as well as the characters.
        List<String> xian = texts(dictionary.candidates("xian")).subList(0, 2 * Composer.PAGE);
        assertThat(xian, hasItems("先", "现", "西安"));
        // Words for an unfinished syllable: zhongg is already 中国.
        assertThat(texts(dictionary.candidates("zhongg")).subList(0, Composer.PAGE), hasItem("中国"));
        assertThat(texts(dictionary.candidates("shenfenzheng")).get(0), equalTo("身份证"));
    }

    @Test
    void choosingACharacterKeepsTheLettersItDidNotUse() {
        Composer c = pinyin();
        type(c, "zhongguo");
        assertThat(c.composition(), equalTo("zhong'guo"));
        c.choose(texts(c.page()).indexOf("中"));
        assertThat(c.text(), equalTo("中"));
        assertThat(c.letters(), equalTo("guo"));
        c.choose(texts(c.page()).indexOf("国"));
        assertThat(c.text(), equalTo("中国"));
        assertThat(c.letters(), equalTo(""));
        assertThat(c.page(), empty());
    }

    @Test
    void typingHenThenHaoWritesAComment() {
        Composer c = pinyin();
        type(c, "hen");
        c.choose(texts(c.page()).indexOf("很"));
        type(c, "hao");
        c.choose(texts(c.page()).indexOf("好"));
        assertThat(c.value(), equalTo("很好"));
    }

    @Test
    void backspaceRemovesALetterWhileComposingElseTheLastCharacter() {
        Composer c = pinyin();
        type(c, "hen");
        c.choose(0);
        type(c, "ha");
        c.press(key(Layout.PINYIN, "key-delete"));
        assertThat(c.letters(), equalTo("h"));
        c.press(key(Layout.PINYIN, "key-delete"));
        assertThat(c.letters(), equalTo(""));
        assertThat(c.page(), empty());
        c.press(key(Layout.PINYIN, "key-delete"));
        assertThat(c.text(), equalTo(""));
        // Nothing left: a further backspace is harmless.
        c.press(key(Layout.PINYIN, "key-delete"));
        assertThat(c.value(), equalTo(""));
    }

    @Test
    void pagesOfCandidatesGoForwardAndBack() {
        Composer c = pinyin();
        type(c, "shi");
        List<Candidate> first = c.page();
        assertThat(first.size(), equalTo(Composer.PAGE));
        assertThat(c.hasPreviousPage(), is(false));
        assertThat(c.hasNextPage(), is(true));
        c.nextPage();
        List<Candidate> second = c.page();
        assertThat(second, everyItem(not(org.hamcrest.Matchers.in(first))));
        c.choose(0);
        assertThat(c.text(), equalTo(second.get(0).text()));
        type(c, "shi");
        c.nextPage();
        c.previousPage();
        assertThat(c.page(), equalTo(first));
        c.previousPage();
        assertThat(c.page(), equalTo(first));
        assertThrows(IllegalArgumentException.class, () -> c.choose(Composer.PAGE));
    }

    @Test
    void spaceTakesTheFirstCandidateConfirmKeepsTheLetters() {
        Composer c = pinyin();
        type(c, "hen");
        c.press(key(Layout.PINYIN, "key-space"));
        assertThat(c.text(), equalTo("很"));
        c.press(key(Layout.PINYIN, "key-space"));
        assertThat(c.text(), equalTo("很 "));
        type(c, "abc");
        assertThat(c.press(key(Layout.PINYIN, "key-confirm")), is(false));
        assertThat(c.text(), equalTo("很 abc"));
        assertThat(c.press(key(Layout.PINYIN, "key-confirm")), is(true));
    }

    @Test
    void digitsAndPunctuationWriteThemselvesAfterTheLettersAreConverted() {
        Composer c = pinyin();
        type(c, "hao");
        c.press(key(Layout.PINYIN, "key-comma"));
        c.press(key(Layout.PINYIN, "key-1"));
        c.press(key(Layout.PINYIN, "key-2"));
        c.press(key(Layout.PINYIN, "key-question"));
        assertThat(c.value(), equalTo("好，12？"));
        c.press(key(Layout.PINYIN, "key-clear"));
        assertThat(c.value(), equalTo(""));
    }

    @Test
    void theNumericKeyboardTypesDigitsAndKeepsToTheFieldsLength() {
        Composer phone = new Composer(Layout.NUMERIC, 11, "", () -> {
            throw new AssertionError("digits need no dictionary");
        });
        for (char d : "138123456789".toCharArray()) {
            phone.press(key(Layout.NUMERIC, "key-" + d));
        }
        assertThat(phone.value(), equalTo("13812345678"));
        assertThat(phone.page(), empty());
        phone.press(key(Layout.NUMERIC, "key-delete"));
        phone.press(key(Layout.NUMERIC, "key-minus"));
        assertThat(phone.value(), equalTo("1381234567-"));
    }

    @Test
    void fieldsGetTheirKeyboardByTypeAndConfirmMovesToTheNext() {
        Keyboards keyboards = new Keyboards(() -> dictionary);
        List<FormField> form = List.of(
                new FormField("phone", new Text("电话", "Phone"), FormField.Type.PHONE, true, 0, List.of()),
                new FormField("reason", new Text("原因", "Reason"), FormField.Type.CHOICE, true, 0,
                        List.of(new Text("辞职", "Resigned"))),
                new FormField("note", new Text("说明", "Note"), FormField.Type.TEXT, false, 20, List.of()));
        Typing typing = keyboards.form("step-1", form, Map.of("phone", "139")).orElseThrow();
        assertThat(typing.names(), contains("phone", "note"));
        assertThat(typing.field("phone").layout(), equalTo(Layout.NUMERIC));
        assertThat(typing.field("note").layout(), equalTo(Layout.PINYIN));
        assertThat(typing.focused(), equalTo("phone"));
        typing.press(key(Layout.NUMERIC, "key-9"));
        typing.press(key(Layout.NUMERIC, "key-confirm"));
        assertThat(typing.focused(), equalTo("note"));
        for (char l : "hao".toCharArray()) {
            typing.press(key(Layout.PINYIN, "key-" + l));
        }
        typing.choose(texts(typing.focusedField().page()).indexOf("好"));
        assertThat(typing.values(), equalTo(Map.of("phone", "1399", "note", "好")));
        // Sent back with the phone wrong: the keys go to the phone; the same verdict drawn again keeps the focus.
        typing.wrong(java.util.Set.of("phone", "reason"));
        assertThat(typing.focused(), equalTo("phone"));
        typing.focus("note");
        typing.wrong(java.util.Set.of("phone", "reason"));
        assertThat(typing.focused(), equalTo("note"));
        // Same step asked again (a redraw): the same typing; another step, or the visit over: a fresh one.
        assertThat(keyboards.form("step-1", form, Map.of()).orElseThrow(), is(typing));
        assertThat(keyboards.form("step-2", form, Map.of()).orElseThrow().values().get("phone"), equalTo(""));
        keyboards.clear();
        assertThat(keyboards.comment("review", "comment").values(), equalTo(Map.of("comment", "")));
        assertThrows(IllegalArgumentException.class, () -> typing.focus("nowhere"));
    }

    @Test
    void badInputIsAClearError() {
        assertThrows(IllegalArgumentException.class, () -> dictionary.candidates("Zhong"));
        assertThrows(IllegalArgumentException.class, () -> dictionary.candidates(""));
        assertThrows(IllegalArgumentException.class, () -> dictionary.candidates("a".repeat(40)));
        Keyboards broken = new Keyboards(() -> {
            throw new IllegalStateException("no data");
        });
        assertThrows(IllegalStateException.class, broken::dictionary);
    }

    private Composer pinyin() {
        return new Composer(Layout.PINYIN, 200, "", () -> dictionary);
    }

    private static void type(Composer c, String letters) {
        for (char l : letters.toCharArray()) {
            c.press(key(Layout.PINYIN, "key-" + l));
        }
    }

    private static Key key(Layout layout, String id) {
        return layout.rows().stream().flatMap(List::stream).filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " on " + layout));
    }

    private static List<String> texts(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::text).toList();
    }
}
