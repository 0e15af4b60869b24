package org.tongban.kiosk.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One HTTP exchange held to an overall deadline and a cap on the answer's body. The JDK client's own request
 * timeout stops at the response headers: a server that then sends one byte a second would hold the caller for
 * as long as it likes, and an endless body would fill the heap or the disk.
 */
public final class BoundedCall {

    /** An answer body over the cap; nothing of it is kept. */
    public static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(String message) {
            super(message);
        }
    }

    /** Where a body goes, chosen when the status and headers are known. */
    public interface Sink<T> {

        /** The most bytes this body may have. */
        long limit();

        void write(ByteBuffer chunk) throws IOException;

        /** The whole body has arrived. */
        T finish() throws IOException;
    }

    private BoundedCall() {
    }

    /** The body in memory, at most {@code maxBodyBytes}. */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration deadline,
            long maxBodyBytes) throws IOException, InterruptedException {
        return send(http, request, deadline, info -> inMemory(maxBodyBytes));
    }

    /**
     * @throws HttpTimeoutException when the whole answer, body included, has not arrived within the deadline
     * @throws BodyTooLarge         when the body is (or is declared to be) longer than its sink's limit
     */
    public static <T> HttpResponse<T> send(HttpClient http, HttpRequest request, Duration deadline,
            Function<HttpResponse.ResponseInfo, Sink<T>> sinks) throws IOException, InterruptedException {
        Capped<T> body = new Capped<>(sinks);
        CompletableFuture<HttpResponse<T>> call = http.sendAsync(request, body);
        try {
            return call.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new HttpTimeoutException(request.method() + " " + request.uri().getPath()
                    + ": no complete answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        } finally {
            // Cancelling the body's subscription closes the connection; cancelling the call ends the exchange.
            body.abort();
            call.cancel(true);
        }
    }

    /** A body kept in memory. */
    public static Sink<byte[]> inMemory(long limit) {
        return new Sink<>() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public long limit() {
                return limit;
            }

            @Override
            public void write(ByteBuffer chunk) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                bytes.write(b, 0, b.length);
            }

            @Override
            public byte[] finish() {
                return bytes.toByteArray();
            }
        };
    }

    /** Feeds the chosen sink up to its limit; past it, or past a larger Content-Length, cancels and fails. */
    private static final class Capped<T> implements HttpResponse.BodyHandler<T> {

        private final Function<HttpResponse.ResponseInfo, Sink<T>> sinks;
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

        Capped(Function<HttpResponse.ResponseInfo, Sink<T>> sinks) {
            this.sinks = sinks;
        }

        void abort() {
            Flow.Subscription s = subscription.getAndSet(null);
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public HttpResponse.BodySubscriber<T> apply(HttpResponse.ResponseInfo info) {
            Sink<T> sink = sinks.apply(info);
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new HttpResponse.BodySubscriber<>() {
                private final CompletableFuture<T> result = new CompletableFuture<>();
                private long received;

                @Override
                public CompletionStage<T> getBody() {
                    return result;
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    if (declared > sink.limit()) {
                        fail(new BodyTooLarge("the answer declares " + declared + " bytes, over the cap of "
                                + sink.limit() + " bytes"));
                        return;
                    }
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(List<ByteBuffer> buffers) {
                    try {
                        for (ByteBuffer b : buffers) {
                            if (result.isDone()) {
                                return;
                            }
                            received += b.remaining();
                            if (received > sink.limit()) {
                                fail(new BodyTooLarge("the answer is over the cap of " + sink.limit() + " bytes"));
                                return;
                            }
                            sink.write(b);
                        }
                    } catch (IOException e) {
                        fail(e);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    result.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    try {
                        result.complete(sink.finish());
                    } catch (IOException e) {
                        result.completeExceptionally(e);
                    }
                }

                private void fail(IOException e) {
                    abort();
                    result.completeExceptionally(e);
                }
            };
        }
    }
}
