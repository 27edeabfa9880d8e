"""Views derived once from a document, so that every output agrees on numbers and flow."""

from sopmodel.views.flow import FlowEdge, FlowGraph, FlowNode, flow_graph
from sopmodel.views.numbering import NumberedStep, number_steps
from sopmodel.views.quiz import Question, quiz

__all__ = [
    "FlowEdge",
    "FlowGraph",
    "FlowNode",
    "NumberedStep",
    "Question",
    "flow_graph",
    "number_steps",
    "quiz",
]
