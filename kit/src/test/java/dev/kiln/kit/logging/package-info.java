/** Tests of how Kiln's processes log. */
package dev.kiln.kit.logging;
