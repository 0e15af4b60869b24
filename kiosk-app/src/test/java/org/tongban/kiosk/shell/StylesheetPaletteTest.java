package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The palette holds: colours are written only where the palette binds them (on the shell, and where elderly mode
 * and high contrast re-bind it), every rule uses names, and every name used is one the palette declares (JavaFX
 * only logs a warning for an unknown name and draws nothing).
 */
class StylesheetPaletteTest {

    private static final Set<String> PALETTE_BLOCKS = Set.of(".shell", ".elderly", ".high-contrast");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(");
    private static final Pattern DECLARATION = Pattern.compile("-tb-[a-z-]+\\s*:");
    private static final Pattern NAME = Pattern.compile("(-tb-[a-z-]+[a-z])\\s*(:)?");

    @Test
    void coloursAreWrittenOnlyInThePaletteAndEveryNameIsDeclared() throws IOException {
        List<String> literals = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        int palettes = 0;
        for (String sheet : ShellWindow.STYLESHEETS) {
            Matcher rule = RULE.matcher(read(sheet).replaceAll("(?s)/\\*.*?\\*/", ""));
            while (rule.find()) {
                String selector = rule.group(1).trim();
                String body = rule.group(2);
                boolean palette = PALETTE_BLOCKS.contains(selector);
                if (selector.equals(".shell") && DECLARATION.matcher(body).find()) {
                    palettes++;
                }
                if (!palette && COLOUR.matcher(body).find()) {
                    literals.add(sheet + ": " + selector);
                }
                Matcher name = NAME.matcher(body);
                while (name.find()) {
                    if (palette && name.group(2) != null && selector.equals(".shell")) {
                        declared.add(name.group(1));
                    } else if (name.group(2) == null) {
                        used.add(name.group(1));
                    }
                }
            }
        }
        assertThat("one palette, on the shell", palettes, is(1));
        assertThat("rules that write a colour instead of naming it", literals, empty());
        used.removeAll(declared);
        assertThat("names used but not declared in palette.css", used, empty());
        assertThat(declared.size() > 30, is(true));
    }

    private static String read(String sheet) throws IOException {
        try (InputStream in = ShellWindow.class.getResourceAsStream(sheet)) {
            assertThat(sheet, in == null ? List.of() : List.of(sheet), hasSize(1));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
