package org.tongban.fleet.http;

/** Ends a JSON API request with a problem answer (status, title, detail). */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final Problem problem;

    public ApiError(int status, String title, String detail) {
        super(title);
        this.problem = new Problem(status, title, detail);
    }

    public Problem problem() {
        return problem;
    }
}
