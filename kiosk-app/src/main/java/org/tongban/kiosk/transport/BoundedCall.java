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

/**
 * One HTTP exchange held to an overall deadline and a cap on the answer's body. The JDK client's own request
 * timeout stops at the response headers: a server that then sends one byte a second would hold the caller for
 * as long as it likes, and an endless body would fill the heap.
 */
public final class BoundedCall {

    /** An answer body over the cap; nothing of it is kept. */
    public static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(String message) {
            super(message);
        }
    }

    private BoundedCall() {
    }

    /**
     * @throws HttpTimeoutException when the whole answer, body included, has not arrived within the deadline
     * @throws BodyTooLarge         when the body is (or is declared to be) longer than {@code maxBodyBytes}
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, Duration deadline,
            long maxBodyBytes) throws IOException, InterruptedException {
        CappedBody body = new CappedBody(maxBodyBytes);
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, body);
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

    /** Collects the body up to the cap; past it, or past a larger Content-Length, it cancels and fails. */
    private static final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

        private final long max;
        private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();

        CappedBody(long max) {
            this.max = max;
        }

        void abort() {
            Flow.Subscription s = subscription.getAndSet(null);
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new HttpResponse.BodySubscriber<>() {
                private final CompletableFuture<byte[]> result = new CompletableFuture<>();
                private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

                @Override
                public CompletionStage<byte[]> getBody() {
                    return result;
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                    if (declared > max) {
                        tooLarge(s, "declared " + declared);
                        return;
                    }
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(List<ByteBuffer> buffers) {
                    for (ByteBuffer b : buffers) {
                        if (result.isDone()) {
                            return;
                        }
                        if (bytes.size() + (long) b.remaining() > max) {
                            tooLarge(subscription.get(), "more than that");
                            return;
                        }
                        byte[] chunk = new byte[b.remaining()];
                        b.get(chunk);
                        bytes.write(chunk, 0, chunk.length);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    result.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    result.complete(bytes.toByteArray());
                }

                private void tooLarge(Flow.Subscription s, String what) {
                    if (s != null) {
                        s.cancel();
                    }
                    result.completeExceptionally(new BodyTooLarge("the answer's body is over the cap of " + max
                            + " bytes (" + what + ")"));
                }
            };
        }
    }
}
