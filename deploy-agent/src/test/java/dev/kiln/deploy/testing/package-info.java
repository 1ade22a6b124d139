/** Real parts for the deploy agent's tests: OpenSSH servers on loopback, client keys, revision zips. */
package dev.kiln.deploy.testing;
