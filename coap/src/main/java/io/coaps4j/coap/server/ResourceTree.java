package io.coaps4j.coap.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resources by path: a tree of segment maps, so a lookup costs one hash probe per Uri-Path
 * segment. A template segment ({@code {name}}) is a node's wildcard child, tried only when the
 * exact segments lead nowhere, so an exact path always wins over a template. {@code /.well-known/core}
 * is added unless a resource of exactly that path is given.
 */
public final class ResourceTree {
    private static final List<String> WELL_KNOWN_CORE = List.of(".well-known", "core");

    private final Node root = new Node();
    private final List<Resource> resources;

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        /** The child for a {@code {name}} segment, matching any one segment; null when none. */
        Node parameter;
        Resource resource;
    }

    public ResourceTree(Collection<Resource> given) {
        List<Resource> all = new ArrayList<>(given);
        boolean coreGiven = false;
        for (Resource resource : all) {
            insert(resource);
            coreGiven |= resource.path().equals(WELL_KNOWN_CORE); // a template matching it does not count
        }
        if (!coreGiven) {
            Resource core = WellKnownCore.resource(this);
            insert(core);
            all.add(core);
        }
        this.resources = List.copyOf(all);
    }

    private void insert(Resource resource) {
        Node node = root;
        for (String segment : resource.path()) {
            if (ResourcePath.parameterName(segment) != null) {
                if (node.parameter == null) {
                    node.parameter = new Node();
                }
                node = node.parameter;
            } else {
                node = node.children.computeIfAbsent(segment, s -> new Node());
            }
        }
        if (node.resource != null) {
            throw new IllegalArgumentException("two resources at " + resource.pathString()
                    + (node.resource.pathString().equals(resource.pathString()) ? "" : " and " + node.resource.pathString()));
        }
        node.resource = resource;
    }

    /**
     * The resource serving {@code path}, or null: the exact path if there is one, else a template.
     * Where several templates match, exact segments further left win ("/a/b/{x}" before "/a/{y}/c").
     * The search goes no deeper than the tree, whatever the length of {@code path}.
     */
    public Resource find(List<String> path) {
        return find(root, path, 0);
    }

    private static Resource find(Node node, List<String> path, int index) {
        if (index == path.size()) {
            return node.resource;
        }
        Node exact = node.children.get(path.get(index));
        if (exact != null) {
            Resource found = find(exact, path, index + 1);
            if (found != null) {
                return found;
            }
        }
        return node.parameter == null ? null : find(node.parameter, path, index + 1);
    }

    /** Every resource, in the order given (the built-in /.well-known/core last). */
    public List<Resource> resources() {
        return resources;
    }
}
