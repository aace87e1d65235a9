// graph_style.h — how a node is shaped, shared by the two ways the network is drawn: Dear ImGui
// primitives (panel_graph.cpp) and the WebGL2 shaders (src/platform/graph_gl.cpp, which receive these
// values as #defines). Layer: app.
#pragma once

namespace ae::graph_style {

// GraphNodeRecord::shape: the entity type's shape, plus kPinned when the user pinned the node.
constexpr float kCircle = 0;   // person
constexpr float kSquare = 1;   // organisation
constexpr float kDiamond = 2;  // place
constexpr float kPinned = 4;

// Sizes in radii: a square's half side and a diamond's half diagonal, so the three shapes of one
// radius look about as big.
constexpr float kSquareHalf = 0.88f;
constexpr float kDiamondHalf = 1.2f;
// A pinned node's dot in the middle (CSS pixels).
constexpr float kPinDotRadius = 2.0f;

}  // namespace ae::graph_style
