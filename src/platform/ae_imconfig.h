// ae_imconfig.h — Dear ImGui compile-time configuration for the web app. Layer: platform.
#pragma once
// 32-bit draw-list indices: a graph of thousands of nodes and edges exceeds 65,536 vertices per list.
#define ImDrawIdx unsigned int
// Dear ImGui's own metrics and debugging windows are never shown: left out of the page.
#define IMGUI_DISABLE_METRICS_WINDOW
