package io.frugal.harness.manifest;

/** JSON pointers (RFC 6901) as plain strings: "" is the root, "/a/0" a list element. */
public final class JsonPointers {
    private JsonPointers() {}

    public static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** The pointer one level up; the root's parent is null. */
    public static String parent(String pointer) {
        if (pointer.isEmpty()) return null;
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    /** The pointer of a dotted config path such as {@code model.width}. */
    public static String ofDottedPath(String dotted) {
        String pointer = "";
        for (String part : dotted.split("\\.", -1)) pointer = child(pointer, part);
        return pointer;
    }
}
