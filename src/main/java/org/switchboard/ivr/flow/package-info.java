/**
 * IVR flows as admins write them in YAML: the model, its reader and the checks it passes.
 */
package org.switchboard.ivr.flow;
