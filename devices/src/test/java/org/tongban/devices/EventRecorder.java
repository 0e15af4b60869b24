package org.tongban.devices;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Collects a device's events so a test can check them, and waits for one that has not come yet. */
public final class EventRecorder implements DeviceListener {

    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(DeviceEvent event) {
        events.add(event);
        synchronized (this) {
            notifyAll();
        }
    }

    public List<DeviceEvent> events() {
        return List.copyOf(events);
    }

    public <E extends DeviceEvent> List<E> of(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The payloads of the data events of the given type, in order. */
    public <T> List<T> data(Class<T> type) {
        return events.stream()
                .filter(e -> e instanceof DataEvent<?>)
                .map(e -> ((DataEvent<?>) e).data())
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** The states the device moved into, in order. */
    public List<DeviceState> states() {
        return of(StatusEvent.class).stream().map(StatusEvent::state).toList();
    }

    public void clear() {
        events.clear();
    }

    /** Waits for an event matching {@code test} (it may have come already); fails the test after {@code limit}. */
    public DeviceEvent await(Predicate<DeviceEvent> test, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            while (true) {
                for (DeviceEvent e : events) {
                    if (test.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching event within " + limit + "; got " + events);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits until the device has reported moving into {@code state}. */
    public void awaitState(DeviceState state, Duration limit) throws InterruptedException {
        await(e -> e instanceof StatusEvent s && s.state() == state, limit);
    }

    /** Waits until {@code count} data events of the given type have arrived. */
    public <T> List<T> awaitData(Class<T> type, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            while (data(type).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " " + type.getSimpleName() + " data events within "
                            + limit + "; got " + events);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return data(type);
    }
}
