package dev.kiln.model.appspec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of {@code permissions}: owner, group and mode for installed files under {@code object}.
 *
 * @param object an absolute file or folder on the host
 * @param pattern a glob over paths below {@code object} ({@code **} by default)
 * @param except globs left out
 * @param owner the owner to set, if any
 * @param group the group to set, if any
 * @param mode the octal mode to set, if any
 * @param acls ACL entries to set with {@code setfacl -m}
 * @param types whether it applies to files, folders or both
 */
public record Permission(
        String object,
        String pattern,
        List<String> except,
        Optional<String> owner,
        Optional<String> group,
        Optional<String> mode,
        List<String> acls,
        Set<Type> types) {

    /** The kinds of path a permission applies to. */
    public enum Type {
        /** Regular files (and links). */
        FILE,
        /** Folders. */
        DIRECTORY
    }

    public Permission {
        except = List.copyOf(except);
        acls = List.copyOf(acls);
        types = Set.copyOf(types);
    }
}
