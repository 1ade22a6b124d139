package dev.kiln.deploy.host;

import dev.kiln.deploy.ssh.ShellWords;

/**
 * Where a deployment's files live on a host, as shell snippets. Under the root: {@code releases/<id>} (unpacked
 * revisions), {@code deployments/<id>} (each deployment's bundle check and installed-file list), {@code current}
 * (a symlink to the live release), {@code last_successful} (the release of the last deployment that succeeded) and
 * {@code installed} (the files the most recent Install put in place, removed before the next Install).
 */
final class HostLayout {
    private final String root;

    HostLayout(String root) {
        this.root = root;
    }

    /** The shell line that sets {@code R} to the root ({@code ~/} is the login user's home). */
    String rootLine() {
        if (root.equals("~")) {
            return "R=\"$HOME\"";
        }
        if (root.startsWith("~/")) {
            return "R=\"$HOME\"/" + ShellWords.quote(root.substring(2));
        }
        return "R=" + ShellWords.quote(root);
    }

    /** A script: {@code set -e}, the root, then the body. */
    String script(String body) {
        return "set -e\n" + rootLine() + "\n" + body;
    }

    static String release(String id) {
        return "\"$R/releases/\"" + ShellWords.quote(id);
    }

    static String deployment(String id) {
        return "\"$R/deployments/\"" + ShellWords.quote(id);
    }
}
