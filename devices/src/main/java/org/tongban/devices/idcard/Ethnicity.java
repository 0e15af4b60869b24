package org.tongban.devices.idcard;

import java.util.Optional;

/**
 * The ethnic groups of GB 3304 as a resident ID card codes them: 01..56 in the standard's order,
 * 97 for "other" and 98 for a foreign-born Chinese citizen. {@link #chineseName()} is what the card face prints.
 */
public enum Ethnicity {
    HAN("汉"), MONGOL("蒙古"), HUI("回"), TIBETAN("藏"), UYGHUR("维吾尔"), MIAO("苗"), YI("彝"), ZHUANG("壮"),
    BOUYEI("布依"), KOREAN("朝鲜"), MANCHU("满"), DONG("侗"), YAO("瑶"), BAI("白"), TUJIA("土家"), HANI("哈尼"),
    KAZAKH("哈萨克"), DAI("傣"), LI("黎"), LISU("傈僳"), VA("佤"), SHE("畲"), GAOSHAN("高山"), LAHU("拉祜"),
    SUI("水"), DONGXIANG("东乡"), NAXI("纳西"), JINGPO("景颇"), KIRGIZ("柯尔克孜"), TU("土"), DAUR("达斡尔"),
    MULAO("仫佬"), QIANG("羌"), BLANG("布朗"), SALAR("撒拉"), MAONAN("毛南"), GELAO("仡佬"), XIBE("锡伯"),
    ACHANG("阿昌"), PUMI("普米"), TAJIK("塔吉克"), NU("怒"), UZBEK("乌孜别克"), RUSSIAN("俄罗斯"), EWENKI("鄂温克"),
    DEANG("德昂"), BONAN("保安"), YUGUR("裕固"), GIN("京"), TATAR("塔塔尔"), DERUNG("独龙"), OROQEN("鄂伦春"),
    HEZHEN("赫哲"), MONBA("门巴"), LHOBA("珞巴"), JINO("基诺"),
    OTHER("97", "其他"),
    FOREIGN_BORN("98", "外国血统中国籍人士");

    private final String code;
    private final String chineseName;

    Ethnicity(String chineseName) {
        this.code = null; // the 56 groups are numbered by their place in the standard, see code()
        this.chineseName = chineseName;
    }

    Ethnicity(String code, String chineseName) {
        this.code = code;
        this.chineseName = chineseName;
    }

    /** The two-digit code, e.g. {@code 01} for 汉. */
    public String code() {
        return code != null ? code : String.format("%02d", ordinal() + 1);
    }

    public String chineseName() {
        return chineseName;
    }

    /** The group with this two-digit code; empty for anything else (including null). */
    public static Optional<Ethnicity> ofCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Ethnicity e : values()) {
            if (e.code().equals(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
