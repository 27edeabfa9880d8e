"""Views derived once from a document, so that every output agrees on numbers and flow."""

from sopmodel.views.flow import FlowEdge, FlowGraph, FlowNode, flow_graph
from sopmodel.views.numbering import NumberedStep, number_steps

__all__ = ["FlowEdge", "FlowGraph", "FlowNode", "NumberedStep", "flow_graph", "number_steps"]
