/**
 * The section-home layout used when a page asks for `section-home` and the site has none: a whole
 * document with its own styles, showing the same parts as the real site's layout (intro box with
 * the section menu, title and intro; content; sidebar image with its caption).
 */
export const BUILTIN_SECTION_HOME_PATH = '(built-in)/section-home.html';

export const BUILTIN_SECTION_HOME = `<!DOCTYPE html>
<html lang="{{ page.lang | default: site.lang | default: 'en' }}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{ page.title | default: site.title | escape }}</title>
    <style>
      body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; }
      #intro-wrapper { display: flex; gap: 2rem; padding: 2rem; background: #00A2AD; color: #fff; }
      #intro-wrapper a { color: #fff; }
      .section-menu { list-style: none; margin: 0; padding: 0; min-width: 14rem; }
      .section-menu__heading { margin: 0 0 .5rem; font-size: 1.25rem; }
      .intro { flex: 1; }
      .article-continuation { display: flex; gap: 2rem; padding: 2rem; }
      .article-continuation__left { flex: 2; }
      .article-continuation__right { flex: 1; }
      .sidebar__image { max-width: 100%; }
      .sidebar__caption { font-size: .9rem; color: #555; }
    </style>
  </head>
  <body class="section-home">
    <main class="page-content">
      <div id="intro-wrapper">
        <ul class="section-menu">
          <li><h2 class="section-menu__heading">{{ page.title }}</h2></li>
          {%- assign sub_pages = site.pages | where: "parent", page.section | sort: 'weight' %}
          {%- for sub_page in sub_pages %}
          <li><a href="{{ sub_page.url | relative_url }}" title="{{ sub_page.level }}">{{ sub_page.title }}</a></li>
          {%- endfor %}
        </ul>
        <div class="intro">
          <h1>{{ page.title }}</h1>
          {{ page.intro | markdownify }}
        </div>
      </div>
      <section class="article-continuation">
        <article class="article-continuation__left">
          {{ content }}
        </article>
        {%- if page.sidebar_image %}
        <div class="article-continuation__right">
          <figure>
            <img class="sidebar__image" src="{{ page.sidebar_image | relative_url }}" alt="{{ page.sidebar_image_caption | default: page.title | escape }}">
            {%- if page.sidebar_image_caption %}
            <figcaption class="sidebar__caption">{{ page.sidebar_image_caption }}</figcaption>
            {%- endif %}
          </figure>
        </div>
        {%- endif %}
      </section>
    </main>
  </body>
</html>
`;
