package dev.cinnabar.kernel.net;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The connected clients by id, in connection order (CLIENT LIST order). Executor-thread only. */
public final class ClientRegistry {

    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Set<Client> monitors = new LinkedHashSet<>();

    public void add(Client c) {
        clients.put(c.id(), c);
    }

    public void remove(Client c) {
        clients.remove(c.id());
        monitors.remove(c);
    }

    public Client get(long id) {
        return clients.get(id);
    }

    public Collection<Client> all() {
        return Collections.unmodifiableCollection(clients.values());
    }

    public int size() {
        return clients.size();
    }

    /** Turns {@code c} into a MONITOR client. */
    public void addMonitor(Client c) {
        c.monitor(true);
        monitors.add(c);
    }

    /** Ends MONITOR mode for {@code c} (RESET). */
    public void removeMonitor(Client c) {
        c.monitor(false);
        monitors.remove(c);
    }

    /** The clients in MONITOR mode, in the order they started monitoring. */
    public Collection<Client> monitorClients() {
        return Collections.unmodifiableCollection(monitors);
    }

    public int monitors() {
        return monitors.size();
    }
}
