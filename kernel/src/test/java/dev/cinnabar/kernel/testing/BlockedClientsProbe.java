package dev.cinnabar.kernel.testing;

import redis.clients.jedis.Jedis;

/** What tests of blocking commands ask the server: how many clients are blocked, and waiting for a count. */
public final class BlockedClientsProbe {

    private BlockedClientsProbe() {
    }

    /** {@code blocked_clients} from {@code INFO clients}. */
    public static long blockedClients(Jedis j) {
        for (String line : j.info("clients").split("\r\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()));
            }
        }
        throw new AssertionError("no blocked_clients in INFO");
    }

    /** Waits up to 5 s until INFO shows {@code n} blocked clients, as Redis's test suite's wait_for_blocked_client. */
    public static void waitForBlocked(Jedis j, long n) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (blockedClients(j) == n) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("blocked_clients never reached " + n + " (is " + blockedClients(j) + ")");
    }
}
