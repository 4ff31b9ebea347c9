package org.mtabaseline.api;

import jakarta.enterprise.context.ApplicationScoped;

/** Turns ?page=&size= into bounds: size defaults to and is capped by ApiConfig. */
@ApplicationScoped
public class Paging {

    private final ApiConfig config;

    Paging(ApiConfig config) {
        this.config = config;
    }

    public record Window(int page, int size) {
    }

    public Window window(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? config.defaultPageSize() : size;
        if (p < 0) {
            throw ProblemException.badRequest("invalid-request", "Invalid request", "page: must be 0 or more")
                    .field("page");
        }
        if (s < 1 || s > config.maxPageSize()) {
            throw ProblemException.badRequest("invalid-request", "Invalid request",
                    "size: must be between 1 and " + config.maxPageSize()).field("size");
        }
        return new Window(p, s);
    }
}
