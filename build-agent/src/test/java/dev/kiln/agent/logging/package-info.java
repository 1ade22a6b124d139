/** Tests of how Kiln's processes log. */
package dev.kiln.agent.logging;
