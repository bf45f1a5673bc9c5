package com.example.cell;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** redis-cell's own table of cases ({@code it_rate_limits}): limit 5, one per second. */
class GcraTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private long tat = -1;

    /** One call; stores the new TAT when allowed, as the command does. */
    private void step(long now, long quantity, boolean limited, long remaining, long resetAfter, long retryAfter) {
        Gcra.Decision d = Gcra.decide(tat, now, 4, Gcra.emissionInterval(1, 1), quantity);
        assertEquals(limited, d.limited(), "limited at " + now);
        assertEquals(5, d.limit());
        assertEquals(remaining, d.remaining(), "remaining at " + now);
        assertEquals(resetAfter, d.resetAfterNanos(), "reset after at " + now);
        assertEquals(retryAfter, d.retryAfterNanos(), "retry after at " + now);
        if (!d.limited()) {
            tat = d.newTat();
        }
    }

    @Test
    void followsRedisCellsTableOfCases() {
        long start = 1_700_000_000L * S;
        step(start, 6, true, 5, 0, -S);               // never more than the limit at once
        step(start, 1, false, 4, S, -S);
        step(start, 1, false, 3, 2 * S, -S);
        step(start, 1, false, 2, 3 * S, -S);
        step(start, 1, false, 1, 4 * S, -S);
        step(start, 1, false, 0, 5 * S, -S);
        step(start, 1, true, 0, 5 * S, S);
        step(start + 3000 * MS, 1, false, 2, 3000 * MS, -S);
        step(start + 3100 * MS, 1, false, 1, 3900 * MS, -S);
        step(start + 4000 * MS, 1, false, 1, 4000 * MS, -S);
        step(start + 8000 * MS, 1, false, 4, 1000 * MS, -S);
        step(start + 9500 * MS, 1, false, 4, 1000 * MS, -S);
        step(start + 9500 * MS, 0, false, 4, S, -S);   // quantity 0 only peeks
        step(start + 9500 * MS, 2, false, 2, 3 * S, -S);
        step(start + 9500 * MS, 5, true, 2, 3 * S, 3 * S);
    }

    @Test
    void secondsRoundUpOnlyForWholeMilliseconds() {
        assertEquals(-1, Gcra.seconds(-S));
        assertEquals(1, Gcra.seconds(S));
        assertEquals(2, Gcra.seconds(S + MS));
        assertEquals(1, Gcra.seconds(S + MS - 1));
        assertEquals(0, Gcra.seconds(-S / 2));
    }

    @Test
    void zeroRatesHaveNoEmissionInterval() {
        assertEquals(0, Gcra.emissionInterval(0, 60));
        assertEquals(0, Gcra.emissionInterval(30, 0));
        assertEquals(2 * S, Gcra.emissionInterval(30, 60));
    }
}
