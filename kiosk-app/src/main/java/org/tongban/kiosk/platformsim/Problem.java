package org.tongban.kiosk.platformsim;

/** An RFC 7807 problem, the body of every error the simulated platform answers. */
record Problem(String type, String title, int status, String detail) {

    static Problem of(int status, String slug, String title, String detail) {
        return new Problem("urn:tongban:platform-sim:problem:" + slug, title, status, detail);
    }

    /** Thrown by a handler to answer with this problem. */
    static final class Answer extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient Problem problem;

        Answer(Problem problem) {
            super(problem.title(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }

    Answer answer() {
        return new Answer(this);
    }
}
