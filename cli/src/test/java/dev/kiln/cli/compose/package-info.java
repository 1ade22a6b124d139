/** The stack in containers: the project's docker-compose.yml brought up and driven from a push to a deploy. */
package dev.kiln.cli.compose;
