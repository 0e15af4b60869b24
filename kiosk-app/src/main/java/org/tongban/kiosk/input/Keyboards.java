package org.tongban.kiosk.input;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.tongban.kiosk.catalog.FormField;

/**
 * The terminal's on-screen keyboards: the pinyin dictionary (built once, in the background at
 * start-up or at first use) and what is being typed on the screen shown now. One per terminal,
 * made by the composition root; what was typed is dropped when the screen's owner changes or the
 * visit ends, so the next citizen never sees it.
 */
public final class Keyboards {

    /** The longest free-text comment: what the review keeps (and the bundles promise). */
    public static final int COMMENT_LENGTH = 500;
    private static final int DEFAULT_TEXT_LENGTH = 200;

    private final Supplier<PinyinDictionary> load;
    private final CompletableFuture<PinyinDictionary> dictionary = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private Object owner;
    private Typing typing;

    public Keyboards(Supplier<PinyinDictionary> load) {
        this.load = Objects.requireNonNull(load);
    }

    /** Builds the dictionary now on the executor, so the first pinyin letter does not wait for it. */
    public void preload(Executor executor) {
        if (started.compareAndSet(false, true)) {
            executor.execute(this::build);
        }
    }

    /** The dictionary, built here if nobody started it; waits while it is being built. */
    public PinyinDictionary dictionary() {
        if (started.compareAndSet(false, true)) {
            build();
        }
        try {
            return dictionary.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the pinyin dictionary could not be built", e.getCause());
        }
    }

    private void build() {
        try {
            dictionary.complete(load.get());
        } catch (RuntimeException | Error e) {
            dictionary.completeExceptionally(e);
        }
    }

    /**
     * The typing of a form's fields: each typed field on its keyboard ({@link Layout#forField}),
     * starting from the answers given before; the same object while the same owner asks. Empty
     * when no field is typed (only choices).
     *
     * @param owner what the form belongs to (the flow and its step)
     */
    public synchronized Optional<Typing> form(Object owner, List<FormField> fields, Map<String, String> previous) {
        if (!Objects.equals(owner, this.owner) || typing == null) {
            Map<String, Composer> typed = new LinkedHashMap<>();
            for (FormField f : fields) {
                Layout.forField(f.type()).ifPresent(layout -> typed.put(f.name(),
                        new Composer(layout, maxLength(f), previous.get(f.name()), this::dictionary)));
            }
            typing = typed.isEmpty() ? null : new Typing(typed);
            this.owner = owner;
        }
        return Optional.ofNullable(typing);
    }

    /** The typing of one free-text comment in pinyin (the review's); the same object while the same owner asks. */
    public synchronized Typing comment(Object owner, String name) {
        if (!Objects.equals(owner, this.owner) || typing == null) {
            typing = new Typing(Map.of(name, new Composer(Layout.PINYIN, COMMENT_LENGTH, "", this::dictionary)));
            this.owner = owner;
        }
        return typing;
    }

    /** Forgets what was typed (the visit ended or its service was left). */
    public synchronized void clear() {
        owner = null;
        typing = null;
    }

    /** How long each kind of field may be: a text field's own limit; digits a little over the longest valid. */
    static int maxLength(FormField f) {
        return switch (f.type()) {
            case TEXT -> f.maxLength() > 0 ? f.maxLength() : DEFAULT_TEXT_LENGTH;
            case PHONE -> 16;
            case NUMBER -> 16;
            case DATE -> 10;
            case CHOICE -> 1;
        };
    }
}
