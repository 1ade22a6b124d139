/**
 * The orchestrator itself: runs started from pushes and by hand, driven through their pipeline by the run engine,
 * saved after every step, their actions handed to agents as jobs, and agents that fall silent replaced. Everything
 * here runs on one Vert.x context; blocking git and object-store work goes to worker threads.
 */
package dev.kiln.orchestrator.core;
