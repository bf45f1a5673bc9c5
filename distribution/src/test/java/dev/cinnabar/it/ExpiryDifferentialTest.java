package dev.cinnabar.it;

import org.junit.jupiter.api.Test;

/**
 * Expiry as users see it: keys with a TTL leave the keyspace on their own (active expiry, as
 * Redis's expire.tcl checks with DBSIZE), lazily on access when active expiry is off, and the
 * INFO keyspace/stats counters move the same way on both servers.
 */
class ExpiryDifferentialTest extends DifferentialTest {

    @Test
    void activeExpiryRemovesUntouchedKeysWithinTwoSeconds() {
        both("DEBUG SET-ACTIVE-EXPIRE 1");
        same("PSETEX key1 500 a");
        same("PSETEX key2 500 a");
        same("PSETEX key3 500 a");
        same("SET persistent v");
        same("DBSIZE");
        pause(2000);
        same("DBSIZE"); // only the persistent key is left, nobody touched the others
        sameAfter("INFO keyspace", s -> s.replaceAll("avg_ttl=\\d+", "avg_ttl=*"));
    }

    @Test
    void withActiveExpiryOffKeysStayCountedUntilTouched() {
        both("DEBUG SET-ACTIVE-EXPIRE 0");
        try {
            same("PSETEX a 100 x");
            same("PSETEX b 100 x");
            pause(300);
            same("DBSIZE");         // expired but not reclaimed: still counted, as in Redis
            same("GET a");          // lazy expiry on access
            same("DBSIZE");
            same("EXISTS b");
            same("DBSIZE");
            same("KEYS *");
        } finally {
            both("DEBUG SET-ACTIVE-EXPIRE 1");
        }
    }

    @Test
    void expiryWorksInEveryDatabase() {
        same("SELECT 3");
        same("SET k v PX 200");
        same("SELECT 7");
        same("SET k v PX 200");
        pause(1500);
        same("DBSIZE");
        same("SELECT 3");
        same("DBSIZE");
        same("SELECT 0");
    }
}
