package dev.kiln.run.search;

/** One {@code <field> [ASC|DESC]} of an order. */
record OrderKey(Field field, boolean ascending) {}
