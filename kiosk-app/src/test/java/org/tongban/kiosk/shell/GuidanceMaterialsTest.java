package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.kiosk.app.ShippedConfig;
import org.tongban.kiosk.catalog.Catalog;
import org.tongban.kiosk.catalog.CatalogLoader;
import org.tongban.kiosk.catalog.Material;
import org.tongban.kiosk.catalog.ServiceItem;
import org.tongban.kiosk.i18n.Messages;

/** The guidance says where the kiosk gets a material once: the words come from the bundle, never from the catalog's names. */
class GuidanceMaterialsTest {

    @Test
    void everyShippedMaterialTheKioskGetsItselfSaysWhereFromExactlyOnce(@TempDir Path dir) throws Exception {
        Catalog catalog = new CatalogLoader().load(ShippedConfig.extract(dir).dir().resolve("catalog"));
        int checked = 0;
        for (var locale : Messages.LOCALES) {
            Messages m = new Messages(locale);
            for (ServiceItem item : catalog.items()) {
                String shown = FlowView.materials(item.guidance(), m);
                for (Material mat : item.guidance().materials()) {
                    if (mat.source() == Material.Source.PAPER) {
                        continue;
                    }
                    String hint = m.get("guidance.source." + mat.source());
                    String line = m.get("guidance.material", mat.name().in(locale), hint);
                    assertThat(item.code() + " " + locale + ": " + shown, occurrences(shown, line), greaterThan(0));
                    assertThat(item.code() + " " + locale + ": " + line, occurrences(line, hint), equalTo(1));
                    checked++;
                }
            }
        }
        assertThat(checked, greaterThan(10));
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
