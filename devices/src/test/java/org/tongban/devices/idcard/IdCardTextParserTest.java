package org.tongban.devices.idcard;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.tongban.devices.DeviceException;
import org.tongban.devices.DeviceException.Reason;

class IdCardTextParserTest {

    private final IdCardTextParser parser = new IdCardTextParser();
    private final byte[] photo = CardText.photo();

    private IdCard parse(CardText text) throws DeviceException {
        return parser.parse(text.bytes(), photo, null);
    }

    private DeviceException refused(CardText text) {
        return assertThrows(DeviceException.class, () -> parse(text));
    }

    @Test
    void aResidentIdCardIsReadFieldByFieldWithPaddingTrimmed() throws DeviceException {
        IdCard c = parse(CardText.resident());
        assertThat(c.cardType(), is(IdCard.CardType.RESIDENT_ID));
        assertThat(c.name(), equalTo("张三"));
        assertThat(c.sex(), is(IdCard.Sex.MALE));
        assertThat(c.ethnicityCode(), equalTo("01"));
        assertThat(c.ethnicity().orElseThrow().chineseName(), equalTo("汉"));
        assertThat(c.birthDate(), equalTo(LocalDate.of(1949, 12, 31)));
        assertThat(c.address(), equalTo("北京市朝阳区示例路1号"));
        assertThat(c.idNumber(), equalTo("11010519491231002X"));
        assertThat(c.issuer(), equalTo("北京市公安局朝阳分局"));
        assertThat(c.validFrom(), equalTo(LocalDate.of(2020, 1, 1)));
        assertThat(c.validTo(), equalTo(LocalDate.of(2040, 1, 1)));
        assertArrayEquals(photo, c.photoWlt());
        assertThat(c.toString(), not(containsString("张三")));
        assertThat(c.toString(), not(containsString("11010519491231002X")));
    }

    @Test
    void aForeignPermanentResidentCardHasItsOwnLayout() throws DeviceException {
        IdCard c = parse(CardText.foreign());
        assertThat(c.cardType(), is(IdCard.CardType.FOREIGN_PERMANENT_RESIDENT));
        assertThat(c.englishName(), equalTo("SMITH, JOHN ALEXANDER"));
        assertThat(c.name(), equalTo("史密斯"));
        assertThat(c.idNumber(), equalTo("USA110019900101"));
        assertThat(c.nationality(), equalTo("USA"));
        assertThat(c.birthDate(), equalTo(LocalDate.of(1990, 1, 1)));
        assertThat(c.validTo(), equalTo(LocalDate.of(2033, 6, 1)));
        assertThat(c.issuer(), equalTo("1100"));
        assertThat(c.address(), nullValue());
    }

    @Test
    void aForeignCardWithoutAChineseNameHasNoName() throws DeviceException {
        IdCard c = parse(CardText.foreign().put(158, 30, ""));
        assertThat(c.name(), nullValue());
        assertThat(c.maskedName(), equalTo("S********************"));
    }

    @Test
    void anHmtResidencePermitIsLongTermWithPassNumberAndIssueCount() throws DeviceException {
        IdCard c = parse(CardText.hmt());
        assertThat(c.cardType(), is(IdCard.CardType.HMT_RESIDENCE_PERMIT));
        assertThat(c.name(), equalTo("陈大文"));
        assertThat(c.sex(), is(IdCard.Sex.FEMALE));
        assertThat(c.idNumber(), equalTo("810000198503150017"));
        assertThat(c.passNumber(), equalTo("H12345678"));
        assertThat(c.issueCount(), equalTo("03"));
        assertThat(c.longTerm(), is(true));
        assertThat(c.expiredOn(LocalDate.of(2099, 1, 1)), is(false));
    }

    @Test
    void everySexCode() throws DeviceException {
        assertThat(parse(CardText.resident().put(30, 2, "0")).sex(), is(IdCard.Sex.UNKNOWN));
        assertThat(parse(CardText.resident().put(30, 2, "9")).sex(), is(IdCard.Sex.UNSPECIFIED));
        assertThat(refused(CardText.resident().put(30, 2, "3")).getMessage(), containsString("unknown sex code '3'"));
    }

    @Test
    void all56GroupsAnd97And98AreNamed() throws DeviceException {
        assertThat(Ethnicity.values().length, is(58));
        for (int code = 1; code <= 56; code++) {
            String c = String.format("%02d", code);
            assertThat(parse(CardText.resident().put(32, 4, c)).ethnicity().orElseThrow().code(), equalTo(c));
        }
        assertThat(Ethnicity.ofCode("56").orElseThrow().chineseName(), equalTo("基诺"));
        assertThat(Ethnicity.ofCode("05").orElseThrow().chineseName(), equalTo("维吾尔"));
        assertThat(Ethnicity.ofCode("97").orElseThrow().chineseName(), equalTo("其他"));
        assertThat(parse(CardText.resident().put(32, 4, "98")).ethnicity().orElseThrow(), is(Ethnicity.FOREIGN_BORN));
        DeviceException e = refused(CardText.resident().put(32, 4, "57"));
        assertThat(e.getMessage(), containsString("unknown ethnicity code '57'"));
    }

    @Test
    void aWrongCheckDigitIsRefusedWithoutShowingTheNumber() {
        DeviceException e = refused(CardText.resident().put(122, 36, "110105194912310021"));
        assertThat(e.reason(), is(Reason.INVALID_DATA));
        assertThat(e.getMessage(), containsString("check digit of the ID number is wrong"));
        assertThat(e.getMessage(), not(containsString("1101051949")));
    }

    @Test
    void theBirthDateMustAgreeWithTheIdNumber() {
        assertThat(refused(CardText.resident().put(36, 16, "19491230")).getMessage(),
                containsString("birth date in the ID number does not match"));
        assertThat(refused(CardText.hmt().put(36, 16, "19850316")).getMessage(),
                containsString("birth date in the residence permit number does not match"));
    }

    @Test
    void datesMustBeRealAndInOrder() {
        assertThat(refused(CardText.resident().put(188, 16, "20230230")).getMessage(),
                containsString("valid-from date is not a real calendar date"));
        assertThat(refused(CardText.resident().put(204, 16, "2040010")).getMessage(),
                containsString("valid-to date is not a date YYYYMMDD"));
        assertThat(refused(CardText.resident().put(204, 16, "20191231")).getMessage(),
                containsString("valid-to date is before its valid-from date"));
        assertThat(refused(CardText.resident().put(188, 16, "长期")).getMessage(),
                containsString("valid-from date is not a date"));
    }

    @Test
    void anExpiredCardIsReadAndKnowsItIsExpired() throws DeviceException {
        IdCard c = parse(CardText.resident().put(188, 16, "20000101").put(204, 16, "20200101"));
        assertThat(c.expiredOn(LocalDate.of(2026, 1, 1)), is(true));
        assertThat(c.expiredOn(LocalDate.of(2019, 12, 31)), is(false));
    }

    @Test
    void anUnsupportedCardTypeIsNamedNotGuessed() {
        DeviceException e = refused(CardText.resident().put(248, 2, "Y"));
        assertThat(e.reason(), is(Reason.INVALID_DATA));
        assertThat(e.getMessage(), containsString("unsupported card type 'Y'"));
    }

    @Test
    void malformedFieldsOfTheOtherLayoutsAreRefused() {
        assertThat(refused(CardText.foreign().put(122, 30, "USA1100")).getMessage(),
                containsString("permanent resident card number is not 15"));
        assertThat(refused(CardText.foreign().put(152, 6, "U1")).getMessage(), containsString("nationality"));
        assertThat(refused(CardText.hmt().put(220, 18, "H123")).getMessage(), containsString("pass number"));
        assertThat(refused(CardText.hmt().put(238, 4, "X")).getMessage(), containsString("issue count"));
        assertThat(refused(CardText.resident().put(0, 30, "")).getMessage(), containsString("name is empty"));
    }

    @Test
    void readDataWhoseLengthsDoNotAddUpIsAProtocolError() {
        byte[] data = new byte[4 + 256 + 1000];
        data[0] = 1;
        data[2] = 4;
        DeviceException e = assertThrows(DeviceException.class, () -> parser.parseReadData(data, false));
        assertThat(e.reason(), is(Reason.PROTOCOL));
        assertThat(e.getMessage(), containsString("do not add up"));
        assertThrows(DeviceException.class, () -> parser.parseReadData(new byte[3], true));
    }

    @Test
    void readDataWithAFingerprintKeepsIt() throws DeviceException {
        byte[] text = CardText.resident().bytes();
        byte[] fp = {9, 8, 7};
        byte[] data = new byte[6 + 256 + photo.length + fp.length];
        data[0] = 1;
        data[2] = 4;
        data[5] = 3;
        System.arraycopy(text, 0, data, 6, 256);
        System.arraycopy(photo, 0, data, 6 + 256, photo.length);
        System.arraycopy(fp, 0, data, 6 + 256 + photo.length, 3);
        IdCard c = parser.parseReadData(data, true);
        assertArrayEquals(fp, c.fingerprint());
        c.wipe();
        assertArrayEquals(new byte[3], c.fingerprint());
    }
}
