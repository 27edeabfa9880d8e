/* sopmodel handbook: the training quiz.
 * "Check my answers" marks each question right or wrong (a word and a sign, not a colour
 * alone), shows the right answer when it was missed, and announces the score in a live
 * region. The right answers come from data-answer; the texts shown are already in the page.
 * Plain ES2017, no HTML insertion: text goes in through textContent only.
 */
(function () {
  "use strict";

  var root = document.getElementById("quiz");
  if (!root) {
    return;
  }
  var form = document.getElementById("quiz-form");
  var check = document.getElementById("quiz-check");
  var retry = document.getElementById("quiz-retry");
  var score = document.getElementById("quiz-score");
  var questions = Array.prototype.slice.call(root.querySelectorAll(".quiz-question"));

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function chosen(question) {
    var picked = question.querySelector("input[type=radio]:checked");
    return picked ? picked.value : null;
  }

  function mark(question) {
    var answer = question.dataset.answer;
    var picked = chosen(question);
    var right = picked === answer;
    var feedback = question.querySelector(".quiz-feedback");
    var label = right ? root.dataset.right : picked === null ? root.dataset.unanswered : root.dataset.wrong;
    question.classList.remove("is-right", "is-wrong");
    question.classList.add(right ? "is-right" : "is-wrong");
    feedback.querySelector(".quiz-mark").textContent = label;
    feedback.querySelector(".quiz-right").hidden = right;
    feedback.hidden = false;
    Array.prototype.forEach.call(question.querySelectorAll(".quiz-option"), function (option) {
      var value = option.querySelector("input").value;
      option.classList.toggle("is-answer", value === answer);
      option.classList.toggle("is-missed", value === picked && !right);
    });
    return right;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var total = questions.length;
    var good = questions.filter(mark).length;
    score.textContent = fill(root.dataset.score, { score: good, total: total });
    root.classList.add("is-checked");
    retry.hidden = false;
    score.focus();
  });

  retry.addEventListener("click", function () {
    form.reset();
    questions.forEach(function (question) {
      question.classList.remove("is-right", "is-wrong");
      question.querySelector(".quiz-feedback").hidden = true;
      Array.prototype.forEach.call(question.querySelectorAll(".quiz-option"), function (option) {
        option.classList.remove("is-answer", "is-missed");
      });
    });
    score.textContent = "";
    root.classList.remove("is-checked");
    retry.hidden = true;
    var first = root.querySelector("input[type=radio]");
    if (first) {
      first.focus();
    }
  });

  Array.prototype.forEach.call(root.querySelectorAll(".quiz-key"), function (key) {
    key.hidden = true;
  });
  check.hidden = false;
  root.classList.add("is-interactive");
})();
