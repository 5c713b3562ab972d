;;; check.el --- Emacs + eglot as the LSP client of Policy Lexicon's server  -*- lexical-binding: t -*-
;;
;;   LSP_SERVER_JS=dist/server.js DRAFT=examples/draft-with-typical-mistakes.md \
;;     emacs --batch -Q -l test/e2e/emacs/check.el
;;
;; Opens a draft and checks what an Emacs user would get: the pushed diagnostics (codes and
;; positions of seeded mistakes), a hover on an acronym and the completion of an official name.
;; Prints one JSON object on stdout; exit code 0 when every check passed, 1 otherwise.
;; Written for Emacs 28 with Debian's elpa-eglot 1.9; works with later eglot too.

;; -Q skips Debian's site-start, which would put the elpa-* packages on the load path.
(dolist (dir (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*"))
  (add-to-list 'load-path dir))
(require 'eglot)
(require 'json)
(require 'cl-lib)

(defvar pl-server (expand-file-name (or (getenv "LSP_SERVER_JS") (error "Set LSP_SERVER_JS"))))
(defvar pl-draft (expand-file-name (or (getenv "DRAFT") (error "Set DRAFT"))))
(defvar pl-timeout (/ (string-to-number (or (getenv "TIMEOUT_MS") "20000")) 1000.0))
(defvar pl-diagnostics nil "The last diagnostics the server published.")
(defvar pl-checks nil)
(defvar pl-failures nil)
(defvar pl-result nil)
(defvar pl-started (float-time))

;; Emacs 28 has no markdown-mode: a stand-in major mode gives eglot the languageId "markdown".
(define-derived-mode markdown-mode text-mode "Markdown")
(add-to-list 'eglot-server-programs `(markdown-mode . ("node" ,pl-server "--stdio")))
;; The draft's folder is the project: no version control needed, no prompt.
(add-hook 'project-find-functions (lambda (dir) (cons 'transient dir)))
;; Flymake shows diagnostics from timers and redisplay, which batch mode lacks: take them as
;; they arrive.
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key diagnostics &allow-other-keys)
  (setq pl-diagnostics (append diagnostics nil)))

(defun pl-add (key value) (push (cons key value) pl-result))
(defun pl-check (name ok detail)
  (push (cons name (if ok t :json-false)) pl-checks)
  (unless ok (push (format "%s: %s" name detail) pl-failures)))
(defun pl-elapsed () (round (* 1000 (- (float-time) pl-started))))

(defun pl-goto (text)
  "Move point to TEXT after the seeded-mistakes comment; return its LSP position."
  (goto-char (point-min))
  (search-forward "-->")
  (search-forward text)
  (goto-char (match-beginning 0))
  (list :line (1- (line-number-at-pos)) :character (current-column)))

(defun pl-finish (ok)
  (pl-add 'checks pl-checks)
  (pl-add 'failures (vconcat (reverse pl-failures)))
  (pl-add 'ok (if ok t :json-false))
  (princ (concat (json-encode (reverse pl-result)) "\n"))
  (ignore-errors (let ((server (eglot-current-server))) (when server (eglot-shutdown server))))
  (kill-emacs (if ok 0 1)))

(pl-add 'client (format "emacs %s, eglot" emacs-version))
(condition-case err
    (progn
      (find-file pl-draft)
      (markdown-mode)
      ;; eglot-ensure waits for a command loop that batch mode never runs.
      (apply #'eglot (eglot--guess-contact))
      (let ((deadline (+ (float-time) pl-timeout)))
        (while (and (null pl-diagnostics) (< (float-time) deadline))
          (accept-process-output nil 0.02)))
      (pl-add 'diagnosticsMs (pl-elapsed))
      (pl-add 'diagnostics
              (vconcat (mapcar (lambda (d)
                                 (let ((start (plist-get (plist-get d :range) :start)))
                                   (list :code (plist-get d :code) :line (plist-get start :line)
                                         :character (plist-get start :character))))
                               pl-diagnostics)))
      ;; 1. Seeded mistakes, at their positions (the body is ASCII: columns are UTF-16 characters).
      (dolist (seeded '(("non-canonical" . "Laos") ("spelling-variant" . "recognised")
                        ("resolution-format" . "Resolution 71/28") ("undefined-acronym" . "AOIP")))
        (let ((at (pl-goto (cdr seeded))))
          (pl-check (format "diagnostic %s on \"%s\"" (car seeded) (cdr seeded))
                    (cl-some (lambda (d)
                               (let ((start (plist-get (plist-get d :range) :start)))
                                 (and (equal (plist-get d :code) (car seeded))
                                      (equal (plist-get d :source) "policy-lexicon")
                                      (= (plist-get start :line) (plist-get at :line))
                                      (= (plist-get start :character) (plist-get at :character)))))
                             pl-diagnostics)
                    at)))
      (let ((server (eglot--current-server-or-lose)))
        ;; 2. Hover on an acronym.
        (pl-goto "AMMTC")
        (forward-char 1)
        (let* ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
               (text (or (plist-get (plist-get hover :contents) :value) "")))
          (pl-add 'hover (substring text 0 (min 300 (length text))))
          (pl-check "hover shows the full name" (string-search "ASEAN Ministerial Meeting on Transnational Crime" text) text)
          (pl-check "hover shows the definition" (string-search "cooperation against transnational crime" text) text))
        (pl-add 'hoverMs (pl-elapsed))
        ;; 3. Completion: "ASEAN-J" typed on a new line under the title, before the draft
        ;;    introduces the centre. The change is sent at once rather than on eglot's idle timer.
        (pl-goto "# ")
        (end-of-line)
        (insert "\nASEAN-J")
        (eglot--signal-textDocument/didChange)
        (let* ((completion (jsonrpc-request server :textDocument/completion (eglot--CompletionParams)))
               (items (append (if (vectorp completion) completion (plist-get completion :items)) nil))
               (item (cl-find "ASEAN-Japan Cybersecurity Capacity Building Centre" items
                              :key (lambda (i) (plist-get i :label)) :test #'equal))
               (inserted (and item (or (plist-get (plist-get item :textEdit) :newText) (plist-get item :insertText)))))
          (pl-add 'completion (vconcat (mapcar (lambda (i) (plist-get i :label)) items)))
          (pl-check "completion offers the official name" item (length items))
          (pl-check "the first use inserts \"Full Name (ACR)\""
                    (equal inserted "ASEAN-Japan Cybersecurity Capacity Building Centre (AJCCBC)") inserted))
        (pl-add 'completionMs (pl-elapsed))
        (set-buffer-modified-p nil))
      (pl-finish (null pl-failures)))
  (error (pl-add 'error (format "%S" err)) (pl-finish nil)))
