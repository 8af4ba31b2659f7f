import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * The new-ticket form suggests knowledge articles while the customer types
 * the subject or picks a subject area; "This answered my question" logs a
 * deflection and replaces the form with a short confirmation: no ticket.
 */
export class SupportArticleSuggest extends Interaction {
    static selector = ".o_support_ticket_form";
    dynamicContent = {
        "input[name=name]": { "t-on-input": this.debounced(this.suggest, 300) },
        "select[name=scope_item_id]": { "t-on-change": this.suggest },
        ".o_support_article_suggestions": { "t-on-click": this.onSuggestionClick },
    };

    setup() {
        this.box = this.el.querySelector(".o_support_article_suggestions");
        this.list = this.el.querySelector(".o_support_article_suggestion_list");
        this.request = 0;
    }

    async suggest() {
        if (!this.box) {
            return;
        }
        const subject = this.el.querySelector("input[name=name]")?.value || "";
        const scope = this.el.querySelector("select[name=scope_item_id]")?.value || "";
        const request = ++this.request;
        const result = await this.waitFor(
            rpc("/my/support/articles/suggest", { subject, scope_item_id: scope })
        );
        if (request !== this.request) {
            return; // an older answer arriving late
        }
        this.protectSyncAfterAsync(() => this.show(result.articles || []))();
    }

    show(articles) {
        this.list.replaceChildren(...articles.map((article) => this.item(article)));
        this.box.classList.toggle("d-none", !articles.length);
    }

    item(article) {
        const li = document.createElement("li");
        li.className = "mb-2 o_support_article_suggestion";
        const link = document.createElement("a");
        link.className = "fw-bold o_support_article_suggestion_link";
        link.href = article.url;
        link.target = "_blank";
        link.textContent = article.title;
        const excerpt = document.createElement("div");
        excerpt.className = "small text-muted";
        excerpt.textContent = article.excerpt;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-success mt-1 d-block o_support_article_answered";
        button.dataset.articleId = article.id;
        button.textContent = this.box.dataset.answeredLabel;
        li.append(link, excerpt, button);
        return li;
    }

    async onSuggestionClick(ev) {
        const button = ev.target.closest(".o_support_article_answered");
        if (!button) {
            return;
        }
        button.disabled = true;
        const subject = this.el.querySelector("input[name=name]")?.value || "";
        const result = await this.waitFor(
            rpc(`/my/support/articles/${parseInt(button.dataset.articleId)}/answered`, {
                subject,
            })
        );
        this.protectSyncAfterAsync(() => {
            const done = document.querySelector(".o_support_article_deflected");
            done.querySelector(".o_support_article_deflected_message").textContent =
                result.message;
            done.classList.remove("d-none");
            this.el.classList.add("d-none");
            done.focus();
        })();
    }
}

registry
    .category("public.interactions")
    .add("support_portal.article_suggest", SupportArticleSuggest);
