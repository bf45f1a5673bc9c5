package dev.cinnabar.kernel.exec;

import java.util.Map;
import java.util.TreeMap;

/** Server-wide counters for INFO stats/errorstats; executor-thread only. */
public final class ServerStats {
    public long totalConnectionsReceived;
    public long totalCommandsProcessed;
    public long totalNetInputBytes;
    public long totalNetOutputBytes;
    public long rejectedConnections;
    public long totalErrorReplies;
    public long unexpectedErrorReplies;
    public long totalReadsProcessed;
    public long totalWritesProcessed;
    /** errorstat_CODE counts, sorted by code as Redis prints them. */
    public final Map<String, Long> errorCodes = new TreeMap<>();

    public void countError(String text) {
        totalErrorReplies++;
        int end = text.indexOf(' ');
        String code = end < 0 ? text : text.substring(0, end);
        // Redis looks for the code only in the first 32 bytes, and counts ERR otherwise
        if (end < 0 || end > 32) {
            code = "ERR";
        }
        errorCodes.merge(code, 1L, Long::sum);
    }

    public void reset() {
        totalCommandsProcessed = totalNetInputBytes = totalNetOutputBytes = rejectedConnections = 0;
        totalErrorReplies = unexpectedErrorReplies = totalConnectionsReceived = 0;
        totalReadsProcessed = totalWritesProcessed = 0;
        errorCodes.clear();
    }
}
