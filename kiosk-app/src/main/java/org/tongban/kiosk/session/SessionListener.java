package org.tongban.kiosk.session;

/** What the shell and flows hear about sessions. Called on the thread that caused the change. */
public interface SessionListener {

    default void started(Session session) {
    }

    /** The citizen has been idle; the session ends in {@code secondsLeft} unless they touch the screen. */
    default void idleWarning(Session session, int secondsLeft) {
    }

    /** The citizen came back during the warning. */
    default void idleWarningCleared(Session session) {
    }

    /** The session is over and already wiped. */
    default void ended(Session session, SessionManager.EndReason reason) {
    }
}
