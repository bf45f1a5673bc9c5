package dev.cinnabar.kernel.net;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The connected clients by id, in connection order (CLIENT LIST order). Executor-thread only. */
public final class ClientRegistry {

    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private int monitors;

    public void add(Client c) {
        clients.put(c.id(), c);
    }

    public void remove(Client c) {
        if (clients.remove(c.id()) != null && c.monitor()) {
            monitors--;
        }
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

    public void monitorAdded() {
        monitors++;
    }

    public int monitors() {
        return monitors;
    }
}
