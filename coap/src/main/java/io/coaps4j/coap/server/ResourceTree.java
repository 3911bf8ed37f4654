package io.coaps4j.coap.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resources by path: a tree of segment maps, so a lookup costs one hash probe per Uri-Path
 * segment. {@code /.well-known/core} is added unless a resource of that path is given.
 */
public final class ResourceTree {
    private static final List<String> WELL_KNOWN_CORE = List.of(".well-known", "core");

    private final Node root = new Node();
    private final List<Resource> resources;

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        Resource resource;
    }

    public ResourceTree(Collection<Resource> given) {
        List<Resource> all = new ArrayList<>(given);
        for (Resource resource : all) {
            insert(resource);
        }
        if (find(WELL_KNOWN_CORE) == null) {
            Resource core = WellKnownCore.resource(this);
            insert(core);
            all.add(core);
        }
        this.resources = List.copyOf(all);
    }

    private void insert(Resource resource) {
        Node node = root;
        for (String segment : resource.path()) {
            node = node.children.computeIfAbsent(segment, s -> new Node());
        }
        if (node.resource != null) {
            throw new IllegalArgumentException("two resources at " + resource.pathString());
        }
        node.resource = resource;
    }

    /** The resource at exactly {@code path}, or null. */
    public Resource find(List<String> path) {
        Node node = root;
        for (int i = 0, n = path.size(); i < n; i++) {
            node = node.children.get(path.get(i));
            if (node == null) {
                return null;
            }
        }
        return node.resource;
    }

    /** Every resource, in the order given (the built-in /.well-known/core last). */
    public List<Resource> resources() {
        return resources;
    }
}
