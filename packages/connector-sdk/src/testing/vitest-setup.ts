// Per-worker test setup (MockAgent guard lives here once written).
