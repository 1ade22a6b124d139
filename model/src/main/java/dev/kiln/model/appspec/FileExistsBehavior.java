package dev.kiln.model.appspec;

/**
 * What Install does with a file already at a destination that the last successful deployment did not install.
 */
public enum FileExistsBehavior {
    /** Fail the deployment, naming every such file (CodeDeploy's default). */
    DISALLOW,
    /** Replace the file. */
    OVERWRITE,
    /** Keep the file that is there. */
    RETAIN
}
