package org.mtabaseline.api;

import java.util.List;

/** One page of a list: {@code page} counts from 0; {@code total} is the number of matching items. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
