package org.tongban.kiosk.shell;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.kiosk.i18n.Messages;

/**
 * No hard-coded citizen-facing text: the views' sources are read (parsed, not grepped) for string literals
 * with words in them passed as the text of a label, button, prompt or accessible text; and every message
 * key the code names must be in the bundles.
 */
class CitizenTextTest {

    private static final Path MAIN = Path.of("src/main/java/org/tongban/kiosk");

    /** Constructors whose first argument is shown text. */
    private static final Set<String> TEXT_CONSTRUCTORS = Set.of("Label", "Button", "ToggleButton", "CheckBox",
            "RadioButton", "Hyperlink", "Tooltip", "Text", "TitledPane", "MenuItem", "Tab");
    /** Methods that take shown (or spoken) text, and which argument it is. */
    private static final Map<String, Integer> TEXT_METHODS = Map.of("setText", 0, "setPromptText", 0,
            "setAccessibleText", 0, "setAccessibleHelp", 0, "text", 0, "title", 0, "button", 1, "primary", 1, "big", 0);

    private static Set<String> keys;
    private static List<CompilationUnit> views;
    private static List<CompilationUnit> all;

    @BeforeAll
    static void parse() throws IOException {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        keys = new TreeSet<>(new Messages(Locale.SIMPLIFIED_CHINESE).keys());
        views = parseAll(MAIN.resolve("shell"));
        all = parseAll(MAIN);
    }

    private static List<CompilationUnit> parseAll(Path dir) throws IOException {
        List<CompilationUnit> units = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                CompilationUnit cu = StaticJavaParser.parse(f);
                cu.setStorage(f);
                units.add(cu);
            }
        }
        return units;
    }

    @Test
    void viewsShowNoWordsOfTheirOwn() {
        List<String> found = new ArrayList<>();
        for (CompilationUnit cu : views) {
            cu.findAll(ObjectCreationExpr.class).stream()
                    .filter(n -> TEXT_CONSTRUCTORS.contains(n.getType().getNameAsString()) && !n.getArguments().isEmpty())
                    .forEach(n -> words(n.getArgument(0), cu, found));
            cu.findAll(MethodCallExpr.class).stream().filter(CitizenTextTest::takesText)
                    .forEach(n -> words(n.getArgument(TEXT_METHODS.get(n.getNameAsString())), cu, found));
        }
        assertThat("citizen-facing literals in the views: take them from the bundles", found, empty());
    }

    /** A setter of text on any node, or Widgets' (and the views' own) text, title, button, primary, big. */
    private static boolean takesText(MethodCallExpr n) {
        Integer arg = TEXT_METHODS.get(n.getNameAsString());
        if (arg == null || n.getArguments().size() <= arg) {
            return false;
        }
        return n.getNameAsString().startsWith("set") || n.getScope().isEmpty()
                || n.getScope().get() instanceof NameExpr e && e.getNameAsString().equals("Widgets");
    }

    /** The check itself finds what it must: a literal in a label, and one inside a concatenation. */
    @Test
    void theCheckFindsALiteralLabelAndALiteralInAConcatenation() {
        CompilationUnit cu = StaticJavaParser.parse("""
                class V {
                    void build(Messages m) {
                        new Label("请稍候");
                        Widgets.button("ok", m.get("nav.back") + " now", null);
                        Widgets.text(m.get("a") + " (" + 3 + ")", "hint");
                        l.setId("statusPlatform");
                        l.setText(busy ? m.get("flow.working") : "Ready");
                    }
                }""");
        List<String> found = new ArrayList<>();
        cu.findAll(ObjectCreationExpr.class).forEach(n -> words(n.getArgument(0), cu, found));
        cu.findAll(MethodCallExpr.class).stream().filter(n -> n.getNameAsString().equals("button"))
                .forEach(n -> words(n.getArgument(1), cu, found));
        cu.findAll(MethodCallExpr.class).stream().filter(CitizenTextTest::takesText)
                .filter(n -> !n.getNameAsString().equals("button"))
                .forEach(n -> words(n.getArgument(TEXT_METHODS.get(n.getNameAsString())), cu, found));
        assertThat(found.stream().map(f -> f.substring(f.indexOf('"'))).toList(),
                org.hamcrest.Matchers.contains("\"请稍候\"", "\" now\"", "\"Ready\""));
    }

    @Test
    void everyMessageKeyTheCodeNamesIsInTheBundles() {
        Set<String> namespaces = keys.stream().map(k -> k.substring(0, k.indexOf('.') + 1)).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        int checked = 0;
        for (CompilationUnit cu : all) {
            for (StringLiteralExpr s : cu.findAll(StringLiteralExpr.class)) {
                String v = s.getValue();
                int dot = v.indexOf('.');
                if (!v.matches("[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9_]+)+\\.?") || !namespaces.contains(v.substring(0, dot + 1))) {
                    continue; // not a message key (a file name, a logger, a YAML path...)
                }
                checked++;
                // "review.level" + n, "device." + class + "." + state: a prefix some key must start with
                boolean prefix = v.endsWith(".") || s.getParentNode().filter(p -> p instanceof BinaryExpr b
                        && b.getOperator() == BinaryExpr.Operator.PLUS && b.getLeft() == s).isPresent();
                boolean known = prefix ? keys.stream().anyMatch(k -> k.startsWith(v)) : keys.contains(v);
                if (!known) {
                    missing.add(v + " (" + cu.getStorage().map(x -> x.getFileName().toString()).orElse("?") + ")");
                }
            }
        }
        assertThat("the scan saw the keys the shell uses", checked > 100, org.hamcrest.Matchers.is(true));
        assertThat(missing, empty());
        assertThat(keys, hasItem("header.highContrastOn"));
        assertThat(keys, not(hasItem("no.such.key")));
    }

    /** The literals that end up in the text as they are: not a key handed to m.get(...) inside it. */
    private static void shown(Expression e, List<StringLiteralExpr> literals) {
        if (e instanceof StringLiteralExpr s) {
            literals.add(s);
        } else if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            shown(b.getLeft(), literals);
            shown(b.getRight(), literals);
        } else if (e instanceof EnclosedExpr p) {
            shown(p.getInner(), literals);
        } else if (e instanceof ConditionalExpr c) {
            shown(c.getThenExpr(), literals);
            shown(c.getElseExpr(), literals);
        }
    }

    /** Adds each literal with words (letters or CJK) in the text expression, with where it is. */
    private static void words(Expression text, CompilationUnit cu, List<String> found) {
        List<StringLiteralExpr> literals = new ArrayList<>();
        shown(text, literals);
        for (StringLiteralExpr s : literals) {
            if (s.asString().codePoints().anyMatch(Character::isLetter)) {
                found.add(cu.getStorage().map(x -> x.getFileName().toString()).orElse("source") + ":"
                        + s.getBegin().map(p -> p.line).orElse(0) + " \"" + s.getValue() + "\"");
            }
        }
    }
}
