/**
 * Cursor paging in the list shape of the API: {@code {"items": [...], "next": "<cursor>"|null}},
 * driven by {@code ?limit=&cursor=}. Cursors are opaque to clients and carry the sort key of the
 * last item returned (keyset paging), so pages stay stable while rows are added.
 */
package dev.kiln.common.paging;
