package org.tongban.kiosk.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A shipped picture: an SVG file under {@code pictures/} (drawn in any SVG editor) turned into JavaFX shapes.
 * Only the plain subset pictures need is read: {@code g}, {@code path}, {@code rect}, {@code circle} and
 * {@code ellipse}, no transforms or inline colours. A shape's {@code class} becomes its style classes, so
 * the palette colours it and elderly mode and high contrast re-colour it like any text; a group's {@code id}
 * names the part an animation moves (e.g. {@code item}, the card going onto the reader).
 */
final class Picture {

    private Picture() {
    }

    /** {@code pictures/NAME.svg} as a group of shapes the size of the file's {@code viewBox}. */
    static Group load(String name) {
        String file = "pictures/" + name + ".svg";
        try (InputStream in = Picture.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the build did not package " + file);
            }
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Shapes shapes = new Shapes();
            factory.newSAXParser().parse(in, shapes);
            shapes.root.getStyleClass().addAll("picture", "picture-" + name);
            return shapes.root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException(file + " is not a picture this reader understands: " + e.getMessage(), e);
        }
    }

    /** Builds the shapes as the elements open; groups nest as in the file. */
    private static final class Shapes extends DefaultHandler {
        private final Group root = new Group();
        private final Deque<Group> open = new ArrayDeque<>();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes a) throws SAXException {
            Node node = switch (qName) {
                case "svg" -> root;
                case "g" -> new Group();
                case "path" -> {
                    SVGPath p = new SVGPath();
                    p.setContent(a.getValue("d"));
                    yield p;
                }
                case "rect" -> {
                    Rectangle r = new Rectangle(number(a, "x"), number(a, "y"), number(a, "width"), number(a, "height"));
                    r.setArcWidth(2 * number(a, "rx"));
                    r.setArcHeight(2 * number(a, "rx"));
                    yield r;
                }
                case "circle" -> new Circle(number(a, "cx"), number(a, "cy"), number(a, "r"));
                case "ellipse" -> new Ellipse(number(a, "cx"), number(a, "cy"), number(a, "rx"), number(a, "ry"));
                case "title", "desc" -> null;
                default -> throw new SAXException("<" + qName + "> is not drawn (use g, path, rect, circle, ellipse)");
            };
            if (node == null) {
                return;
            }
            if (a.getValue("id") != null) {
                node.setId(a.getValue("id"));
            }
            if (a.getValue("class") != null) {
                node.getStyleClass().addAll(a.getValue("class").trim().split("\\s+"));
            }
            if (node instanceof Shape s) {
                s.setFill(null); // coloured by the style classes only: an unstyled shape stays invisible, not black
            }
            if (node != root) {
                open.peek().getChildren().add(node);
            }
            if (node instanceof Group g) {
                open.push(g);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (qName.equals("svg") || qName.equals("g")) {
                open.pop();
            }
        }

        private static double number(Attributes a, String name) {
            String v = a.getValue(name);
            return v == null ? 0 : Double.parseDouble(v);
        }
    }
}
