// graph_gl.h — the network drawn with WebGL2 (see graph_gl.cpp). Layer: platform.
#pragma once

struct ImDrawList;

namespace ae {

struct GraphBatch;

// Compiles the shaders and makes the buffers (the WebGL2 context must be current). False when that
// failed (the reason is on the console): the network is then drawn with Dear ImGui primitives.
bool graph_gl_init();

// Adds to the draw list a callback that draws the batch (links, then nodes) when ImGui renders it,
// followed by a reset of the ImGui backend's render state. The batch must outlive the frame.
void add_graph_batch_draw(ImDrawList* list, const GraphBatch* batch);

}  // namespace ae
