/** Kiln's web UI: Vaadin views over the orchestrator's REST API, served by embedded Jetty. */
package dev.kiln.ui;
